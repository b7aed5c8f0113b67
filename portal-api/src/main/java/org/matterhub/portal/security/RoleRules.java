package org.matterhub.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call what, decided by path and method in the security chain: before a body is read, validated against the
 * contract or bound, so a caller without the role learns nothing about an operation's inputs (403 comes first). The
 * controllers keep their own checks as a second line. Row-level security still decides which rows anyone sees.
 *
 * <table>
 *   <caption>Rules (first match wins)</caption>
 *   <tr><th>method and path</th><th>who</th></tr>
 *   <tr><td>POST /api/v1/staff/client-orgs/{orgId}/invitations, POST /api/v1/staff/users/{userId}/revocation</td>
 *       <td>partner, firm_admin</td></tr>
 *   <tr><td>/api/v1/staff/**</td><td>staff, partner, firm_admin</td></tr>
 *   <tr><td>/api/v1/admin/**</td><td>firm_admin</td></tr>
 *   <tr><td>/ops/v1/**</td><td>ops, firm_admin</td></tr>
 *   <tr><td>POST /api/v1/documents/{id}/actions, PATCH /api/v1/me/contact</td><td>client users</td></tr>
 *   <tr><td>POST /api/v1/matters/{id}/documents</td><td>client users; staff, partner, firm_admin</td></tr>
 *   <tr><td>/api/v1/org/**</td><td>client users who are an active org admin of some org (asked of the database)</td></tr>
 * </table>
 */
public final class RoleRules {

    static final String[] STAFF = {"staff", "partner", "firm_admin"};
    static final String[] SENIOR = {"partner", "firm_admin"};
    static final String[] ADMIN = {"firm_admin"};
    static final String[] OPS = {"ops", "firm_admin"};

    private RoleRules() {
    }

    static void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a,
                      Predicate<PortalPrincipal> orgAdmin) {
        a.requestMatchers(HttpMethod.POST, "/api/v1/staff/client-orgs/*/invitations", "/api/v1/staff/users/*/revocation")
                .access(allow(p -> p.hasFirmRole(SENIOR)))
                .requestMatchers("/api/v1/staff/**").access(allow(p -> p.hasFirmRole(STAFF)))
                .requestMatchers("/api/v1/admin/**").access(allow(p -> p.hasFirmRole(ADMIN)))
                .requestMatchers("/ops/v1/**").access(allow(p -> p.hasFirmRole(OPS)))
                .requestMatchers(HttpMethod.POST, "/api/v1/documents/*/actions").access(allow(PortalPrincipal::isClient))
                .requestMatchers(HttpMethod.PATCH, "/api/v1/me/contact").access(allow(PortalPrincipal::isClient))
                .requestMatchers(HttpMethod.POST, "/api/v1/matters/*/documents")
                .access(allow(p -> p.isClient() || p.hasFirmRole(STAFF)))
                .requestMatchers("/api/v1/org/**").access(allow(p -> p.isClient() && orgAdmin.test(p)));
    }

    /** Grants when the request's portal principal (set by {@link PrincipalFilter}) passes the test. */
    static AuthorizationManager<RequestAuthorizationContext> allow(Predicate<PortalPrincipal> rule) {
        return (authentication, context) -> new AuthorizationDecision(principal(context.getRequest()) instanceof PortalPrincipal p
                && rule.test(p));
    }

    private static Object principal(HttpServletRequest request) {
        return request.getAttribute(PrincipalFilter.ATTRIBUTE);
    }
}
