package io.telepay.risk.features;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.telepay.identity.StaffDirectory;
import io.telepay.identity.StaffUser;
import org.springframework.stereotype.Component;

/**
 * The staff facts risk reads on every payment (the agent's team and start date, the team's agents), kept in memory
 * so a decision does not spend round trips on them. A user's role, team and creation time never change once
 * created, so a user is kept until evicted; a team only gains members, so its roster is read again after
 * {@link #ROSTER_AGE} (a brand-new agent, with no cards yet, joins the team's median that much later).
 */
@Component
public class StaffLookups {

    static final Duration ROSTER_AGE = Duration.ofSeconds(10);

    private final StaffDirectory staff;
    private final Cache<String, StaffUser> users = Caffeine.newBuilder().maximumSize(50_000).build();
    private final Cache<String, List<StaffUser>> teams = Caffeine.newBuilder().maximumSize(5_000).expireAfterWrite(ROSTER_AGE).build();

    StaffLookups(StaffDirectory staff) {
        this.staff = staff;
    }

    /** The user, or null when there is none with that id. */
    public StaffUser user(String id) {
        return users.get(id, key -> staff.find(key).orElse(null)); // an unknown id is not kept
    }

    /** The team's members. */
    public List<StaffUser> team(String team) {
        return teams.get(team, staff::team);
    }
}
