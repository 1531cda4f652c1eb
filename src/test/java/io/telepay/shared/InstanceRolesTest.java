package io.telepay.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceRolesTest {

    @Test
    void anInstanceDoesBothByDefaultAndOnlyWhatItIsGivenOtherwise() {
        InstanceRoles both = new InstanceRoles("api,workers");
        assertThat(both.api()).isTrue();
        assertThat(both.workers()).isTrue();
        InstanceRoles api = new InstanceRoles(" API ");
        assertThat(api.api()).isTrue();
        assertThat(api.workers()).isFalse();
        InstanceRoles workers = new InstanceRoles("workers");
        assertThat(workers.api()).isFalse();
        assertThat(workers.workers()).isTrue();
    }

    @Test
    void rejectsAnUnknownOrEmptyRoleAtStart() {
        assertThatThrownBy(() -> new InstanceRoles("api,worker")).hasMessageContaining("api,worker");
        assertThatThrownBy(() -> new InstanceRoles(" , ")).isInstanceOf(IllegalStateException.class);
    }
}
