package io.telepay.notify.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.telepay.shared.InvalidInput;

/**
 * Keeps webhook deliveries from being turned against Telepay's own network (server-side request forgery):
 * a receiver URL must be https, carry no credentials and name a host on the public internet. Checked when
 * an endpoint is saved and again before every attempt, because a name that resolved to a public address
 * yesterday may resolve to 10.0.0.1 today. Redirects are never followed (see {@link WebhookSender}).
 * <p>
 * The embedded demo allows anything (a receiver on the same laptop). Operators name hosts they trust —
 * an internal receiver, the test suite's {@code localhost} — in {@code telepay.webhooks.trusted-hosts};
 * those are exempt from the https and address rules.
 */
class UrlGuard {

    static final int MAX_LENGTH = 2048;
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** Resolves a host name; a seam so tests can make a name point anywhere. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean anything;
    private final Set<String> trustedHosts;
    private final Resolver resolver;

    UrlGuard(boolean anything, Set<String> trustedHosts, Resolver resolver) {
        this.anything = anything;
        this.trustedHosts = trustedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** The URL as it will be used, or a 400 naming {@code field}. */
    URI validate(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidInput(field, "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInput(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidInput(field, "must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInput(field, "must not contain a user name or password; authenticate the signature instead");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInput(field, "must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInput(field, "must not have a fragment (#…)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidInput(field, "has an invalid port");
        }
        if (anything || trusted(uri)) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new InvalidInput(field, "must use https");
        }
        refusal(uri).ifPresent(reason -> {
            throw new InvalidInput(field, reason);
        });
        return uri;
    }

    /**
     * Why a delivery to this URL must not go out now, or empty when it may. A host that does not resolve
     * is let through: the connection attempt fails on its own and the delivery is retried.
     */
    Optional<String> refusalBeforeSending(URI uri) {
        if (anything || trusted(uri)) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("refused: the URL is not https");
        }
        return refusal(uri).map(reason -> "refused: the URL " + reason);
    }

    private Optional<String> refusal(URI uri) {
        String host = host(uri);
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".internal") || host.endsWith(".localdomain")) {
            return Optional.of("must name a host on the public internet, not " + host);
        }
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            // 2130706433, 0x7f000001, 0177.0.0.1: resolvers disagree on what these mean
            return Optional.of("must name a host, or an IPv4 address as four decimal numbers");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Arrays.stream(addresses).filter(a -> !isPublic(a)).findFirst()
                .map(a -> "must not point to a private, loopback or link-local address (" + host + " is " + a.getHostAddress() + ")");
    }

    private boolean trusted(URI uri) {
        return trustedHosts.contains(host(uri));
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Whether the address is on the public internet: not loopback, private, link-local, shared, multicast or reserved. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return false; // fec0::/10 old site-local
            }
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicIpv4(Arrays.copyOfRange(b, 12, 16)); // ::ffff:a.b.c.d, IPv4-mapped
            }
            if (isZero(b, 0, 12)) {
                return false; // ::a.b.c.d, IPv4-compatible (deprecated), ::, ::1
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
                return isPublicIpv4(Arrays.copyOfRange(b, 12, 16)); // 64:ff9b::/96, NAT64
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicIpv4(Arrays.copyOfRange(b, 2, 6)); // 2002::/16, 6to4 carries an IPv4 address
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return false; // 2001::/32 Teredo
            }
            return first != 0x01 || !isZero(b, 1, 8); // 100::/64 discard-only
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                   // 0.0.0.0/8 "this network"
                || a0 == 10                                // 10/8 private
                || a0 == 127                               // loopback
                || a0 == 100 && (a1 & 0xc0) == 64          // 100.64/10 carrier-grade NAT
                || a0 == 169 && a1 == 254                  // link-local, cloud metadata
                || a0 == 172 && (a1 & 0xf0) == 16          // 172.16/12 private
                || a0 == 192 && a1 == 0 && a2 == 0         // 192.0.0/24 protocol assignments
                || a0 == 192 && a1 == 168                  // 192.168/16 private
                || a0 == 198 && (a1 & 0xfe) == 18          // 198.18/15 benchmarking
                || a0 >= 224);                             // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
