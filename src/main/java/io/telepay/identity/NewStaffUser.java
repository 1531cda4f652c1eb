package io.telepay.identity;

import java.util.regex.Pattern;

import io.telepay.shared.Checks;
import io.telepay.shared.Role;

/**
 * A staff user to create. The username is stored lower-case; the password must pass the
 * {@link PasswordPolicy} (checked by {@link StaffDirectory}).
 */
public record NewStaffUser(String username, String displayName, Role role, String team, String password, String email) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TEAM = Pattern.compile("[\\p{L}\\p{N} _.-]{1,64}");

    public NewStaffUser {
        username = username == null ? null : username.trim().toLowerCase(java.util.Locale.ROOT);
        displayName = displayName == null ? null : displayName.strip();
        team = team == null || team.isBlank() ? null : team.strip();
        Checks checks = Checks.start()
                .matches("username", username, USERNAME, "must be 3-64 characters: letters, digits, dot, dash, underscore")
                .text("displayName", displayName, 200)
                .require("role", role)
                .require("password", password);
        email = email == null || email.isBlank() ? null : email.strip();
        if (email != null) {
            checks.matches("email", email, EMAIL, "must be an e-mail address");
            checks.optionalText("email", email, 320);
        }
        if (team != null) {
            checks.matches("team", team, TEAM, "must be 1-64 letters, digits, spaces, dots or dashes");
        }
        checks.orThrow();
    }

    /** Without an e-mail address. */
    public NewStaffUser(String username, String displayName, Role role, String team, String password) {
        this(username, displayName, role, team, password, null);
    }

    @Override
    public String toString() {
        return "NewStaffUser[username=" + username + ", role=" + role + ", team=" + team + "]";
    }
}
