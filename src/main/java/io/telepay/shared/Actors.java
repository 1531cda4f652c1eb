package io.telepay.shared;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The actor of the current request, as the identity module authenticated it. */
public final class Actors {

    /** Implemented by every principal the identity module puts into the security context. */
    public interface Principal {
        Actor actor();
    }

    private Actors() {
    }

    public static Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Optional.empty();
        }
        return switch (authentication.getPrincipal()) {
            case Actor actor -> Optional.of(actor);
            case Principal principal -> Optional.of(principal.actor());
            case null, default -> Optional.empty();
        };
    }

    /** The authenticated actor; only for code that runs behind authentication. */
    public static Actor current() {
        return find().orElseThrow(() -> new IllegalStateException("no authenticated actor"));
    }

    /** The authenticated actor, or {@link Actor#SYSTEM} for schedulers and start-up work (for audit lines). */
    public static Actor currentOrSystem() {
        return find().orElse(Actor.SYSTEM);
    }
}
