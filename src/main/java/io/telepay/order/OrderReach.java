package io.telepay.order;

import java.util.List;
import java.util.Objects;

import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import io.telepay.shared.Role;
import org.springframework.stereotype.Component;

/**
 * Who may see and change which order. Agents: the orders they took. Supervisors: their own and their
 * team's agents'. Admins: all. Risk analysts and auditors read all and change none. An order out of
 * reach is answered exactly as an unknown one.
 */
@Component
class OrderReach {

    private final StaffDirectory staff;

    OrderReach(StaffDirectory staff) {
        this.staff = staff;
    }

    boolean canRead(Actor actor, String agentId) {
        return switch (actor.role()) {
            case ADMIN, RISK_ANALYST, AUDITOR -> true;
            case AGENT -> actor.id().equals(agentId);
            case SUPERVISOR -> actor.id().equals(agentId) || inTeam(actor, agentId);
            case TELEPHONY -> false;
        };
    }

    boolean canChange(Actor actor, String agentId) {
        return switch (actor.role()) {
            case ADMIN -> true;
            case AGENT -> actor.id().equals(agentId);
            case SUPERVISOR -> actor.id().equals(agentId) || inTeam(actor, agentId);
            case RISK_ANALYST, AUDITOR, TELEPHONY -> false;
        };
    }

    /** Whether every order is within the actor's reach to read, so lists need no filter by agent. */
    boolean readsAll(Actor actor) {
        return actor.isAny(Role.ADMIN, Role.RISK_ANALYST, Role.AUDITOR);
    }

    /** The agents whose orders the actor reads: themselves, and for a supervisor their team. */
    List<String> agentsReadBy(Actor actor) {
        if (actor.is(Role.SUPERVISOR) && actor.team() != null) {
            List<String> team = new java.util.ArrayList<>(staff.team(actor.team()).stream().map(StaffUser::id).toList());
            if (!team.contains(actor.id())) {
                team.add(actor.id());
            }
            return team;
        }
        return List.of(actor.id());
    }

    private boolean inTeam(Actor supervisor, String agentId) {
        return supervisor.team() != null && agentId != null
                && staff.find(agentId).map(StaffUser::team).filter(team -> Objects.equals(team, supervisor.team())).isPresent();
    }
}
