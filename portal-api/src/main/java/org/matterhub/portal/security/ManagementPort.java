package org.matterhub.portal.security;

import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches the actuator's read endpoints when they are asked for on the management port
 * ({@code management.server.port}, bound to {@code management.server.address}, loopback by default). The public port
 * never serves them: with management on the server's own port they are not reachable at all.
 */
final class ManagementPort {

    private static final String[] PATHS = {"/actuator/health", "/actuator/health/", "/actuator/prometheus", "/actuator/info"};

    private ManagementPort() {
    }

    static RequestMatcher of(Environment env) {
        return request -> {
            Integer port = env.getProperty("local.management.port", Integer.class);
            if (port == null || port != request.getLocalPort()) {
                return false;
            }
            String path = request.getRequestURI();
            for (String p : PATHS) {
                if (path.equals(p) || p.endsWith("/") && path.startsWith(p)) {
                    return true;
                }
            }
            return false;
        };
    }
}
