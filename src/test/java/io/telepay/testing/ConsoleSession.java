package io.telepay.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like console session over plain HTTP: cookies, CSRF tokens from the forms, redirects by hand. */
public class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Http http;

    public ConsoleSession(String base) {
        this(new Http(base, null));
    }

    /** A session over the given client, e.g. one bound to a loopback address of its own (the sign-in throttle counts per address). */
    public ConsoleSession(Http http) {
        this.http = http;
    }

    public Http http() {
        return http;
    }

    /** Posts the sign-in form; answers the response (a redirect to the console, the second factor or back to login). */
    /** Where {@code user} lands after signing in: the desk for agents, the console's front page for the others. */
    public static String home(io.telepay.identity.StaffUser user) {
        return user.role() == io.telepay.shared.Role.AGENT ? "/console/desk" : "/console";
    }

    public Http.Response signIn(String username, String password) {
        return submit("/login", "/login", Map.of("username", username, "password", password));
    }

    /** Loads the page holding the form, then posts it with that page's CSRF token. */
    public Http.Response submit(String formPage, String action, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", csrf(formPage));
        return http.postForm(action, form);
    }

    public String csrf(String page) {
        Matcher matcher = CSRF.matcher(http.get(page).body());
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return matcher.group(1);
    }
}
