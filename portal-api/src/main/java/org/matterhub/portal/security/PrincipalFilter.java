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
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a validated JWT into a {@link PortalPrincipal}. A person is identified by the token's issuer and subject
 * ({@code iss}, {@code sub}), bound to their invited portal user at first sign-in through the e-mail claim, and only
 * when the provider has verified that e-mail. Unknown identities get 401 (so does a second identity carrying a bound
 * person's e-mail), revoked people 403, and firm roles that require MFA are refused without it. The stored e-mail is
 * the firm's record of whom it invited: a changed e-mail at the provider neither moves nor rewrites the account.
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
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            chain.doFilter(request, response);
            return;
        }
        Jwt token = jwt.getToken();
        String issuer = token.getClaimAsString(JwtClaimNames.ISS);
        String subject = token.getSubject();
        if (issuer == null || subject == null || subject.isBlank()) {
            ProblemWriter.write(response, 401, "Unauthorized", "The token carries no issuer or subject.");
            return;
        }
        String firmClaim = token.getClaimAsString(auth.firmClaim());
        UUID firmHint = firmClaim == null ? null : parse(firmClaim);
        var found = resolver.byIdentity(issuer, subject, firmHint).orElse(null);
        boolean bind = found == null || !found.bound();
        if (found == null) {
            found = firstBinding(token, firmHint);
        }
        if (found == null) {
            ProblemWriter.write(response, 401, "Unauthorized", "No portal account matches this sign-in.");
            return;
        }
        if ("revoked".equals(found.status())) {
            ProblemWriter.write(response, 403, "Access revoked", "Your access to this portal has been revoked.");
            return;
        }
        PortalPrincipal principal = found.principal();
        if (principal.isFirm() && auth.mfaRequiredFor().contains(principal.firmRole())) {
            List<String> amr = token.getClaimAsStringList("amr");
            if (amr == null || !amr.contains("mfa")) {
                ProblemWriter.write(response, 403, "MFA required", "Your role requires multi-factor sign-in.");
                return;
            }
        }
        if (bind && !resolver.bind(principal.userId(), issuer, subject)) {
            log.warn("Sign-in refused: portal user {} was bound to another identity meanwhile", principal.userId());
            ProblemWriter.write(response, 401, "Unauthorized", "No portal account matches this sign-in.");
            return;
        }
        request.setAttribute(ATTRIBUTE, principal);
        chain.doFilter(request, response);
    }

    /**
     * The invited person this identity may be bound to: found by the e-mail claim, not yet bound to any identity,
     * and the provider vouches for the address ({@code email_verified}). Anything else is refused, so neither an
     * unverified address nor a second identity carrying a bound person's e-mail becomes that person.
     */
    private PrincipalResolver.Found firstBinding(Jwt token, UUID firmHint) {
        String email = token.getClaimAsString("email");
        if (email == null || email.isBlank()) {
            log.info("Sign-in refused: an unknown identity whose token carries no e-mail");
            return null;
        }
        var candidate = resolver.byEmail(email, firmHint).orElse(null);
        if (candidate == null) {
            log.info("Sign-in refused: no portal user for the token's e-mail");
            return null;
        }
        if (candidate.bound()) {
            log.warn("Sign-in refused: portal user {} is bound to another identity than the token's (same e-mail)",
                    candidate.principal().userId());
            return null;
        }
        if (!verified(token.getClaims().get("email_verified"))) {
            log.info("Sign-in refused: the provider has not verified the e-mail of portal user {}",
                    candidate.principal().userId());
            return null;
        }
        return candidate;
    }

    /** {@code email_verified} is a JSON boolean; a few providers send the string "true". */
    private static boolean verified(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }

    private static UUID parse(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
