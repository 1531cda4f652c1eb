package io.telepay.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

import io.telepay.shared.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-side request forgery: what a webhook URL may point to, checked without touching the network. */
class UrlGuardTest {

    /** A DNS of our own: these names resolve as given, any other does not resolve. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebind.example.com", "10.0.0.7",
            "metadata.example.com", "169.254.169.254",
            "v6.example.com", "2606:4700::6810:84e5",
            "mixed.example.com", "192.168.1.20");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return new InetAddress[] {InetAddress.getByName(host)}; // a literal never touches DNS
            }
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private final UrlGuard production = new UrlGuard(false, Set.of(), UrlGuardTest::resolve);

    private static String refusal(UrlGuard guard, String url) {
        try {
            guard.validate("url", url);
            return null;
        } catch (InvalidInput e) {
            assertThat(e.errors()).extracting(InvalidInput.FieldError::field).containsExactly("url");
            return e.errors().getFirst().message();
        }
    }

    @Test
    void acceptsAnHttpsUrlOnAPublicHost() {
        assertThat(production.validate("url", "https://hooks.example.com/telepay?tenant=7"))
                .isEqualTo(URI.create("https://hooks.example.com/telepay?tenant=7"));
        assertThat(production.validate("url", "https://[2606:4700::6810:84e5]:8443/hook")).isNotNull();
        assertThat(production.validate("url", "https://v6.example.com/hook")).isNotNull();
    }

    @Test
    void requiresHttps() {
        assertThat(refusal(production, "http://hooks.example.com/telepay")).isEqualTo("must use https");
        assertThat(refusal(production, "ftp://hooks.example.com/telepay")).isEqualTo("must be an absolute https URL");
        assertThat(refusal(production, "/relative/path")).isEqualTo("must be an absolute https URL");
        assertThat(refusal(production, "mailto:ops@example.com")).isEqualTo("must be an absolute https URL");
    }

    @Test
    void refusesCredentialsInTheUrl() {
        assertThat(refusal(production, "https://user:pass@hooks.example.com/telepay")).contains("must not contain a user name or password");
        assertThat(refusal(production, "https://token@hooks.example.com/telepay")).contains("must not contain a user name or password");
    }

    @Test
    void refusesMalformedAndOverlongUrls() {
        assertThat(refusal(production, null)).isEqualTo("is required");
        assertThat(refusal(production, "  ")).isEqualTo("is required");
        assertThat(refusal(production, "https://hooks.example.com/a b")).isEqualTo("is not a valid URL");
        assertThat(refusal(production, "https:///path-only")).isEqualTo("must name a host");
        assertThat(refusal(production, "https://hooks.example.com/#frag")).contains("fragment");
        assertThat(refusal(production, "https://hooks.example.com/" + "a".repeat(UrlGuard.MAX_LENGTH))).contains("at most 2048");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/hook", "https://127.1.2.3:8443/hook", "https://localhost/hook", "https://api.localhost/hook",
            "https://0.0.0.0/hook", "https://10.1.2.3/hook", "https://172.16.0.1/hook", "https://172.31.255.255/hook",
            "https://192.168.0.10/hook", "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/hook",
            "https://[::1]/hook", "https://[::]/hook", "https://[fe80::1]/hook", "https://[fd00::1]/hook",
            "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook",
            "https://[2002:c0a8:0101::1]/hook", "https://224.0.0.1/hook", "https://255.255.255.255/hook",
            "https://rebind.example.com/hook", "https://metadata.example.com/hook", "https://mixed.example.com/hook",
            "https://printer.local/hook", "https://db.internal/hook", "https://2130706433/hook", "https://0x7f000001/hook", "https://0177.0.0.1/hook",
            "https://127.1/hook"})
    void refusesLoopbackPrivateLinkLocalAndMetadataAddresses(String url) {
        assertThat(refusal(production, url)).as(url).isNotNull();
    }

    @Test
    void saysWhichAddressTheNameResolvedTo() {
        assertThat(refusal(production, "https://metadata.example.com/hook"))
                .isEqualTo("must not point to a private, loopback or link-local address (metadata.example.com is 169.254.169.254)");
    }

    @Test
    void aNameThatDoesNotResolveYetIsAcceptedAndCheckedAgainAtEachAttempt() {
        assertThat(production.validate("url", "https://not-yet.example.net/hook")).isNotNull();
        assertThat(production.refusalBeforeSending(URI.create("https://not-yet.example.net/hook"))).isEmpty();
    }

    @Test
    void checksAgainBeforeSendingBecauseANameMayResolveElsewhereLater() {
        assertThat(production.refusalBeforeSending(URI.create("https://hooks.example.com/hook"))).isEmpty();
        assertThat(production.refusalBeforeSending(URI.create("https://rebind.example.com/hook")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("refused: ").contains("10.0.0.7"));
        assertThat(production.refusalBeforeSending(URI.create("http://hooks.example.com/hook")))
                .contains("refused: the URL is not https");
    }

    @Test
    void trustedHostsAreExemptAndOnlyThey() {
        UrlGuard guard = new UrlGuard(false, Set.of(" Receiver.Corp.Internal ", ""), UrlGuardTest::resolve);
        assertThat(guard.validate("url", "http://receiver.corp.internal:8080/hook")).isNotNull();
        assertThat(guard.refusalBeforeSending(URI.create("http://receiver.corp.internal:8080/hook"))).isEmpty();
        assertThat(refusal(guard, "http://other.corp.internal/hook")).isEqualTo("must use https");
        assertThat(refusal(guard, "https://other.corp.internal/hook")).contains("public internet");
    }

    @Test
    void theEmbeddedDemoTakesAReceiverOnTheSameMachine() {
        UrlGuard demo = new UrlGuard(true, Set.of(), UrlGuardTest::resolve);
        assertThat(demo.validate("url", "http://127.0.0.1:9000/hook")).isNotNull();
        assertThat(refusal(demo, "http://user:pw@127.0.0.1:9000/hook")).contains("user name or password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::6810:84e5", "2001:4860:4860::8888"})
    void publicAddressesArePublic(String address) throws UnknownHostException {
        assertThat(UrlGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
