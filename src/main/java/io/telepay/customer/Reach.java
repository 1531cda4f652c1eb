package io.telepay.customer;

import java.time.Clock;
import java.util.List;

import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see and change which customer, and who sees the full phone number. Agents reach the
 * customers they own, whose lead they hold, or who they are on a call with; supervisors the customers
 * of their team's agents; admins and risk analysts (read-only) all. Everyone but the agent working the
 * customer sees phone and e-mail masked.
 */
@Component
class Reach {

    /** What one actor may do with one customer. */
    record Access(boolean visible, boolean contactVisible, boolean changeable) {
        static final Access NONE = new Access(false, false, false);
    }

    /** The facts about an actor and a customer that decide the access. */
    record Relation(boolean owns, boolean holdsLead, boolean onCall, boolean ownerInTeam) {
    }

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final ActiveCalls activeCalls;
    private final Clock clock;

    Reach(JdbcClient jdbc, StaffDirectory staff, ActiveCalls activeCalls, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.activeCalls = activeCalls;
        this.clock = clock;
    }

    static Access decide(Actor actor, Relation relation) {
        return switch (actor.role()) {
            case ADMIN -> new Access(true, false, true);
            case RISK_ANALYST -> new Access(true, false, false);
            case SUPERVISOR -> relation.ownerInTeam() ? new Access(true, false, true) : Access.NONE;
            case AGENT -> relation.owns() || relation.holdsLead() || relation.onCall() ? new Access(true, true, true) : Access.NONE;
            case AUDITOR, TELEPHONY -> Access.NONE;
        };
    }

    Access of(Actor actor, CustomerRow customer) {
        return decide(actor, relation(actor, customer));
    }

    private Relation relation(Actor actor, CustomerRow customer) {
        return switch (actor.role()) {
            case AGENT -> {
                boolean owns = actor.id().equals(customer.ownerId());
                boolean holdsLead = !owns && holdsLead(actor.id(), customer.id());
                boolean onCall = !owns && !holdsLead && activeCalls.agentOnCallWith(actor.id(), customer.id());
                yield new Relation(owns, holdsLead, onCall, false);
            }
            case SUPERVISOR -> new Relation(false, false, false,
                    customer.ownerId() != null && teamMemberIds(actor).contains(customer.ownerId()));
            default -> new Relation(false, false, false, false);
        };
    }

    private boolean holdsLead(String agentId, String customerId) {
        return jdbc.sql("select count(*) from lead where customer_id = :customer and reserved_by = :agent and reserved_until > :now")
                .param("customer", customerId).param("agent", agentId).param("now", Db.ts(clock.instant()))
                .query(Long.class).single() > 0;
    }

    /** The ids of the supervisor's team; empty for a supervisor without a team. */
    List<String> teamMemberIds(Actor supervisor) {
        if (supervisor.team() == null) {
            return List.of();
        }
        return staff.team(supervisor.team()).stream().map(StaffUser::id).toList();
    }
}
