package io.telepay.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.telepay.shared.Actor;
import io.telepay.shared.Role;
import org.junit.jupiter.api.Test;

class ReachTest {

    private static final Reach.Relation STRANGER = new Reach.Relation(false, false, false, false);

    private static Actor actor(Role role) {
        return new Actor("usr_x", "x", role, "台北一組", "usr_x");
    }

    @Test
    void anAgentSeesAndCallsOnlyWhomTheyOwnHoldOrAreOnACallWith() {
        Actor agent = actor(Role.AGENT);
        assertThat(Reach.decide(agent, STRANGER)).isEqualTo(Reach.Access.NONE);
        for (Reach.Relation relation : new Reach.Relation[] {new Reach.Relation(true, false, false, false),
                new Reach.Relation(false, true, false, false), new Reach.Relation(false, false, true, false)}) {
            assertThat(Reach.decide(agent, relation)).isEqualTo(new Reach.Access(true, true, true));
        }
        assertThat(Reach.decide(agent, new Reach.Relation(false, false, false, true))).isEqualTo(Reach.Access.NONE);
    }

    @Test
    void supervisorsSeeTheirTeamsCustomersMasked() {
        Actor supervisor = actor(Role.SUPERVISOR);
        assertThat(Reach.decide(supervisor, new Reach.Relation(false, false, false, true))).isEqualTo(new Reach.Access(true, false, true));
        assertThat(Reach.decide(supervisor, STRANGER)).isEqualTo(Reach.Access.NONE);
    }

    @Test
    void adminsSeeAllMaskedAndAnalystsReadOnly() {
        assertThat(Reach.decide(actor(Role.ADMIN), STRANGER)).isEqualTo(new Reach.Access(true, false, true));
        assertThat(Reach.decide(actor(Role.RISK_ANALYST), STRANGER)).isEqualTo(new Reach.Access(true, false, false));
    }

    @Test
    void auditorsAndTheTelephonyBridgeSeeNoCustomer() {
        Reach.Relation everything = new Reach.Relation(true, true, true, true);
        assertThat(Reach.decide(actor(Role.AUDITOR), everything)).isEqualTo(Reach.Access.NONE);
        assertThat(Reach.decide(actor(Role.TELEPHONY), everything)).isEqualTo(Reach.Access.NONE);
    }
}
