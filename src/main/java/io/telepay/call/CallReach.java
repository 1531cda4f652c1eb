package io.telepay.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import io.telepay.shared.Actor;
import org.springframework.stereotype.Component;

/**
 * Whose calls an actor may see and change: agents their own, supervisors their team's agents', admins
 * all; risk analysts read all and change none. A call out of reach is answered exactly as an unknown one.
 */
@Component
class CallReach {

    /** A condition over the call table (alias {@code c}) with its parameters. */
    record Scope(String condition, Map<String, Object> params) {
    }

    private final StaffDirectory staff;

    CallReach(StaffDirectory staff) {
        this.staff = staff;
    }

    /** The calls the actor may read, as SQL; empty when they may read none. */
    Optional<Scope> readable(Actor actor) {
        return switch (actor.role()) {
            case ADMIN, RISK_ANALYST -> Optional.of(new Scope("1 = 1", Map.of()));
            case SUPERVISOR -> {
                List<String> team = team(actor);
                yield team.isEmpty() ? Optional.empty() : Optional.of(new Scope("c.agent_id in (:scope)", Map.of("scope", team)));
            }
            case AGENT -> Optional.of(new Scope("c.agent_id = :scope", Map.of("scope", actor.id())));
            case AUDITOR, TELEPHONY -> Optional.empty();
        };
    }

    /** The calls whose callbacks the actor works: as {@link #readable} without the risk analyst. */
    Optional<Scope> changeable(Actor actor) {
        return actor.role() == io.telepay.shared.Role.RISK_ANALYST ? Optional.empty() : readable(actor);
    }

    boolean canRead(Actor actor, String agentId) {
        return switch (actor.role()) {
            case ADMIN, RISK_ANALYST -> true;
            case SUPERVISOR -> inTeam(actor, agentId);
            case AGENT -> actor.id().equals(agentId);
            case AUDITOR, TELEPHONY -> false;
        };
    }

    boolean canChange(Actor actor, String agentId) {
        return switch (actor.role()) {
            case ADMIN -> true;
            case SUPERVISOR -> inTeam(actor, agentId);
            case AGENT -> actor.id().equals(agentId);
            case RISK_ANALYST, AUDITOR, TELEPHONY -> false;
        };
    }

    private boolean inTeam(Actor supervisor, String agentId) {
        return supervisor.team() != null
                && staff.find(agentId).map(StaffUser::team).filter(supervisor.team()::equals).isPresent();
    }

    private List<String> team(Actor supervisor) {
        if (supervisor.team() == null) {
            return List.of();
        }
        return staff.team(supervisor.team()).stream().map(StaffUser::id).toList();
    }
}
