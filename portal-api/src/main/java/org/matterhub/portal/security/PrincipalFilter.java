package org.matterhub.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.matterhub.portal.problem.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a validated JWT into a {@link PortalPrincipal}: unknown people get 401, revoked people 403, and
 * firm roles that require MFA are refused without it.
 */
@Component
public class PrincipalFilter extends OncePerRequestFilter {

    public static final String ATTRIBUTE = PortalPrincipal.class.getName();
    private static final Logger log = LoggerFactory.getLogger(PrincipalFilter.class);

    private final PrincipalResolver resolver;
    private final AuthProperties auth;

    public PrincipalFilter(PrincipalResolver resolver, AuthProperties auth) {
        this.resolver = resolver;
        this.auth = auth;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            chain.doFilter(request, response);
            return;
        }
        String email = jwt.getToken().getClaimAsString("email");
        if (email == null || email.isBlank()) {
            ProblemWriter.write(response, 401, "Unauthorized", "The token carries no e-mail claim.");
            return;
        }
        String firmClaim = jwt.getToken().getClaimAsString(auth.firmClaim());
        UUID firmHint = firmClaim == null ? null : parse(firmClaim);
        var found = resolver.byEmail(email, firmHint).orElse(null);
        if (found == null) {
            log.info("Sign-in refused: no portal user for the token's e-mail");
            ProblemWriter.write(response, 401, "Unauthorized", "No portal account matches this sign-in.");
            return;
        }
        if ("revoked".equals(found.status())) {
            ProblemWriter.write(response, 403, "Access revoked", "Your access to this portal has been revoked.");
            return;
        }
        PortalPrincipal principal = found.principal();
        if (principal.isFirm() && auth.mfaRequiredFor().contains(principal.firmRole())) {
            List<String> amr = jwt.getToken().getClaimAsStringList("amr");
            if (amr == null || !amr.contains("mfa")) {
                ProblemWriter.write(response, 403, "MFA required", "Your role requires multi-factor sign-in.");
                return;
            }
        }
        if ("invited".equals(found.status())) {
            resolver.markSignedIn(principal.userId(), jwt.getToken().getSubject());
        }
        request.setAttribute(ATTRIBUTE, principal);
        chain.doFilter(request, response);
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
