package io.telepay.trust.caller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallCodesTest {

    @Test
    void readsACodeAsPeopleTypeIt() {
        assertThat(CallCodes.normalize("4821 0937")).isEqualTo("48210937");
        assertThat(CallCodes.normalize(" 4821-0937 ")).isEqualTo("48210937");
    }

    @Test
    void anythingButEightDigitsIsNoCode() {
        assertThat(CallCodes.normalize("4821093")).isNull();
        assertThat(CallCodes.normalize("482109371")).isNull();
        assertThat(CallCodes.normalize("4821O937")).isNull();
        assertThat(CallCodes.normalize("４８２１０９３７")).as("full-width digits").isNull();
        assertThat(CallCodes.normalize("' or 1=1 --")).isNull();
        assertThat(CallCodes.normalize(null)).isNull();
        assertThat(CallCodes.normalize("1".repeat(40))).isNull();
    }
}
