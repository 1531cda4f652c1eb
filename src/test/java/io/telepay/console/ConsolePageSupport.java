package io.telepay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.telepay.identity.StaffUser;
import io.telepay.shared.Role;
import io.telepay.testing.CardDataScan;
import io.telepay.testing.ConsoleSession;
import io.telepay.testing.Http;
import io.telepay.testing.SystemTest;

/** What the tests of the console's admin and trust pages share: signing in, forms with repeated fields, page checks. */
public abstract class ConsolePageSupport extends SystemTest {

    protected static final String CARD = "4242424242424242";
    protected static final String CVC = "737";

    protected ConsoleSession signedIn(Role role) {
        return signedIn(newUser(role));
    }

    /**
     * Signed in from a loopback address of its own (127.x.y.z): these tests sign in many users, and the
     * sign-in throttle allows 20 a minute per address.
     */
    protected ConsoleSession signedIn(StaffUser user) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255);
        HttpClient client;
        try {
            client = HttpClient.newBuilder().cookieHandler(new CookieManager()).localAddress(InetAddress.getByName(address))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        ConsoleSession session = new ConsoleSession(new Http(base(), null, client));
        assertThat(session.signIn(user.username(), PASSWORD).header("Location")).endsWith(ConsoleSession.home(user));
        return session;
    }

    /** Posts a form as a browser does, fields in order (a name may repeat), with the CSRF token of {@code formPage}. */
    protected static Http.Response post(ConsoleSession session, String formPage, String action, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("_csrf", session.csrf(formPage)));
        return postWithout(session, action, all);
    }

    /** Posts the form as given: without a CSRF token unless the fields hold one. */
    protected static Http.Response postWithout(ConsoleSession session, String action, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return session.http().postRaw(action, "application/x-www-form-urlencoded", body);
    }

    protected static Map.Entry<String, String> field(String name, String value) {
        return Map.entry(name, value);
    }

    /** A page as every console page must be: the status, no inline script or style, no card data. */
    protected Http.Response page(ConsoleSession session, String path, int status) {
        Http.Response response = session.http().get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(status);
        assertClean(path, response);
        return response;
    }

    protected void assertClean(String what, Http.Response response) {
        assertThat(response.body()).as(what + " has no inline script").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(response.body()).as(what + " has no inline style").doesNotContainPattern("<style|\\sstyle=");
        assertThat(response.body()).as(what + " has no event handler attribute").doesNotContainPattern("\\son[a-z]+=");
        assertThat(new CardDataScan(jdbc, List.of(CARD), List.of(CVC)).leaks(what, response.body())).as(what).isEmpty();
    }

    protected static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("page holds " + regex).isTrue();
        return matcher.group(1);
    }
}
