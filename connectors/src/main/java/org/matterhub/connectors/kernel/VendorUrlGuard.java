package org.matterhub.connectors.kernel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.matterhub.connectors.kernel.VendorUrlException.Reason;

/**
 * Decides whether the hub may send anything (client credentials, tokens, firm data) to a vendor URL. A URL passes when
 * it parses as an absolute {@code https} URL without user info, query or fragment, on the standard port, whose
 * <em>parsed</em> host is one the vendor publishes ({@link VendorHosts}), and every address that host resolves to is
 * a public unicast address (not loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved
 * or an IPv4 address embedded in such an IPv6 form).
 *
 * <p>The one exception is {@code allowLoopback}, a setting the demo and the tests turn on, never a default: then a
 * URL whose host is {@code 127.0.0.1} or {@code localhost} passes over plain
 * {@code http} or {@code https} on any port, because the vendor simulators listen there. No other private address
 * passes, in the demo either.
 *
 * <p>The check alone cannot stop a name from resolving elsewhere a moment later; {@link PinnedHttp} makes the
 * connection itself to an address this guard checked.
 */
public final class VendorUrlGuard {

    /** Resolves a host name to all its addresses; tests inject one they control. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The simulators listen on 127.0.0.1; nothing else is let through, not even {@code [::1]}. */
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1");

    private final boolean allowLoopback;
    private final Resolver resolver;

    public VendorUrlGuard(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The production guard: the system resolver, no loopback. */
    public static VendorUrlGuard strict() {
        return new VendorUrlGuard(false, InetAddress::getAllByName);
    }

    public boolean allowsLoopback() {
        return allowLoopback;
    }

    /**
     * The URL, parsed, when the hub may use it for {@code hosts}' vendor; resolves its host and checks every address.
     *
     * @throws VendorUrlException with the reason, in words safe to show
     */
    public URI check(String url, VendorHosts hosts) {
        URI uri = parse(url, hosts.vendor());
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowLoopback && LOOPBACK_NAMES.contains(host)) {
            return uri;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new VendorUrlException(hosts.vendor(), Reason.NOT_HTTPS);
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            throw new VendorUrlException(hosts.vendor(), Reason.PORT);
        }
        if (!hosts.allows(host)) {
            throw new VendorUrlException(hosts.vendor(), Reason.HOST_NOT_PUBLISHED);
        }
        addresses(host, hosts.vendor());
        return uri;
    }

    /**
     * The addresses {@code host} resolves to, each checked; what a connection may be made to. Loopback names resolve
     * to loopback only when the guard allows loopback.
     *
     * @throws VendorUrlException when the name does not resolve or any address is not public
     */
    public List<InetAddress> addresses(String host, String vendor) {
        InetAddress[] all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new VendorUrlException(vendor, Reason.UNRESOLVABLE);
        }
        if (all == null || all.length == 0) {
            throw new VendorUrlException(vendor, Reason.UNRESOLVABLE);
        }
        for (InetAddress a : all) {
            if (!isPublic(a) && !(allowLoopback && a.isLoopbackAddress())) {
                throw new VendorUrlException(vendor, Reason.PRIVATE_ADDRESS);
            }
        }
        return List.of(all);
    }

    private static URI parse(String url, String vendor) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new VendorUrlException(vendor, Reason.MALFORMED);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new VendorUrlException(vendor, Reason.MALFORMED);
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
            throw new VendorUrlException(vendor, Reason.MALFORMED);
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new VendorUrlException(vendor, Reason.USERINFO);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new VendorUrlException(vendor, Reason.QUERY_OR_FRAGMENT);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // a registry-based authority: "2130706433", "0x7f.1", "host:bad-port", ...
            throw new VendorUrlException(vendor, Reason.MALFORMED);
        }
        return uri;
    }

    /** Whether {@code a} is a public unicast address: the only kind a vendor's server may have. */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return publicV4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return false; // fec0::/10 old site-local
            }
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return publicV4(slice(b, 12)); // ::ffff:a.b.c.d mapped
            }
            if (isZero(b, 0, 12)) {
                return false; // ::/96: unspecified, loopback and the deprecated compatible form
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return publicV4(slice(b, 12)); // 64:ff9b::/96 NAT64
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return publicV4(slice(b, 2)); // 2002::/16 6to4
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return false; // 2001::/32 Teredo: the embedded server address is not checkable
            }
            return (first & 0xe0) == 0x20; // 2000::/3 global unicast only
        }
        return false;
    }

    private static boolean publicV4(byte[] b) {
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        int o2 = b[2] & 0xff;
        return !(o0 == 0 || o0 == 10 || o0 == 127
                || (o0 == 100 && (o1 & 0xc0) == 64)          // 100.64.0.0/10 carrier-grade NAT
                || (o0 == 169 && o1 == 254)                  // link-local, cloud metadata
                || (o0 == 172 && (o1 & 0xf0) == 16)
                || (o0 == 192 && o1 == 168)
                || (o0 == 192 && o1 == 0 && o2 == 0)         // 192.0.0.0/24 protocol assignments
                || (o0 == 198 && (o1 & 0xfe) == 18)          // 198.18.0.0/15 benchmarking
                || o0 >= 224);                               // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
