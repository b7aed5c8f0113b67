package org.matterhub.portal.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the embedded demo issuer anywhere but on a demo machine: it mints a token for any portal user,
 * ops and firm admins included, to whoever can reach {@code /oidc/demo-token} from loopback. It runs only when all of
 * these hold, else start-up fails with a message naming what is wrong:
 * <ul>
 *   <li>the {@code demo} profile is active;</li>
 *   <li>the server listens on a loopback address only ({@code server.address} set to one, e.g. {@code 127.0.0.1});</li>
 *   <li>no forwarded-header processing is on ({@code server.forward-headers-strategy} unset or {@code none}), so the
 *       remote address the token endpoint checks is the socket's own.</li>
 * </ul>
 */
public final class DemoIssuerGuard {

    public static final String PROFILE = "demo";

    private DemoIssuerGuard() {
    }

    /** Throws {@link IllegalStateException} when the embedded issuer may not run in {@code env}. */
    public static void check(Environment env) {
        List<String> problems = new ArrayList<>();
        if (!Arrays.asList(env.getActiveProfiles()).contains(PROFILE)) {
            problems.add("the '" + PROFILE + "' profile is not active (active: "
                    + Arrays.toString(env.getActiveProfiles()) + ")");
        }
        String address = env.getProperty("server.address");
        if (address == null || address.isBlank()) {
            problems.add("server.address is not set, so the server listens on every interface");
        } else if (!loopback(address.strip())) {
            problems.add("server.address " + address + " is not a loopback address");
        }
        String forwarded = env.getProperty("server.forward-headers-strategy");
        if (forwarded != null && !forwarded.isBlank() && !"none".equals(forwarded.strip().toLowerCase(Locale.ROOT))) {
            problems.add("server.forward-headers-strategy is " + forwarded + " (callers could claim to be loopback)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("matterhub.auth.embedded-issuer=true is for the demo on this machine only, "
                    + "and " + String.join("; ", problems) + ". Configure a real OpenID Connect provider "
                    + "(matterhub.auth.issuer-uri) or run the demo profile with server.address=127.0.0.1.");
        }
    }

    private static boolean loopback(String address) {
        try {
            return Arrays.stream(InetAddress.getAllByName(address)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
