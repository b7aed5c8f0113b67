package org.matterhub.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The signed-in person of the current request, with role checks that answer in problem JSON. */
public final class CurrentPrincipal {

    private CurrentPrincipal() {
    }

    public static PortalPrincipal of(HttpServletRequest request) {
        Object p = request.getAttribute(PrincipalFilter.ATTRIBUTE);
        if (p instanceof PortalPrincipal principal) {
            return principal;
        }
        throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Unauthorized", "A valid bearer token is required.");
    }

    public static PortalPrincipal firm(HttpServletRequest request, String... roles) {
        PortalPrincipal p = of(request);
        if (!p.hasFirmRole(roles)) {
            throw ApiProblem.forbidden("This needs one of the firm roles " + String.join(", ", roles) + ".");
        }
        return p;
    }
}
