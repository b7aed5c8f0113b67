package org.matterhub.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * Guards demo-only endpoints: they answer callers on this machine and no one else. The caller is the socket's remote
 * address; a request carrying any forwarded header ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) came
 * through a proxy, or claims to, and is refused whatever address it shows.
 */
public final class LoopbackOnly {

    static final List<String> FORWARDED_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP");

    private LoopbackOnly() {
    }

    public static void require(HttpServletRequest request, String what) {
        boolean forwarded = FORWARDED_HEADERS.stream().anyMatch(h -> request.getHeader(h) != null);
        try {
            if (!forwarded && InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                return;
            }
        } catch (UnknownHostException e) {
            // not an address we can trust
        }
        throw new ApiProblem(HttpStatus.FORBIDDEN, "Loopback only", what + " are available to this machine only"
                + (forwarded ? ", and not through a proxy." : "."));
    }
}
