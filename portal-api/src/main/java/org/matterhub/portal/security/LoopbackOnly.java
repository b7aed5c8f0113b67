package org.matterhub.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** Guards demo-only endpoints: they answer callers on this machine and no one else. */
public final class LoopbackOnly {

    private LoopbackOnly() {
    }

    public static void require(HttpServletRequest request, String what) {
        try {
            if (InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
                return;
            }
        } catch (UnknownHostException e) {
            // not an address we can trust
        }
        throw new ApiProblem(HttpStatus.FORBIDDEN, "Loopback only", what + " are available to this machine only.");
    }
}
