package org.matterhub.routes.http.clio;

import org.matterhub.routes.practice.clio.ClioConnections;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.matterhub.routes.engine.OAuthStates;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.http.VendorFailures;
import org.matterhub.connectors.clio.ClioOAuthClient;
import org.matterhub.connectors.clio.ClioProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.0 authorization-code flow a firm admin runs to connect Clio: create the connection, follow the
 * authorize redirect, and Clio calls back here with a code that is exchanged for tokens, stored encrypted.
 */
@RestController
public class ClioConnectController {

    /** Body of a connect request; {@code baseUrl} picks Clio's region (default US). */
    public record ConnectRequest(String displayName, String baseUrl) {
    }

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final ClioConnections clients;
    private final OAuthStates states;
    private final AuditLog audit;
    private final String publicBaseUrl;
    private final String defaultClioUrl;
    private final VendorUrls urls;

    public ClioConnectController(Tenancy tenancy, ConnectionRepository connections, ClioConnections clients,
                                 OAuthStates states, AuditLog audit, VendorUrls urls,
                                 @Value("${matterhub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl,
                                 @Value("${matterhub.clio.base-url:https://app.clio.com}") String defaultClioUrl) {
        this.urls = urls;
        this.tenancy = tenancy;
        this.connections = connections;
        this.clients = clients;
        this.states = states;
        this.audit = audit;
        this.publicBaseUrl = publicBaseUrl;
        this.defaultClioUrl = defaultClioUrl;
    }

    public String redirectUri() {
        return publicBaseUrl + "/oauth/callback/clio";
    }

    /** Starts (or restarts, for re-authorisation) the connect flow; answers with the URL to send the admin to. */
    @PostMapping("/api/v1/admin/connections/clio")
    public ResponseEntity<Map<String, Object>> connect(@RequestBody(required = false) ConnectRequest body,
                                                       HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        String name = body == null || body.displayName() == null ? "Clio" : body.displayName();
        String baseUrl = body == null || body.baseUrl() == null ? defaultClioUrl : body.baseUrl();
        String checked = urls.require(baseUrl, ClioProperties.HOSTS).toString();
        OAuthStates.Started started = states.begin(p.scope(), "clio", name, checked, null);
        ConnectionRecord result = started.connection();
        URI authorize = clients.oauth(result).authorizeUrl(redirectUri(), started.state(), started.codeChallenge());
        return ResponseEntity.status(HttpStatus.CREATED).headers(started.headers()).body(Map.of("connectionId",
                result.id(), "authorizeUrl", authorize.toString()));
    }

    /**
     * Clio redirects the admin's browser here; the state and the browser's cookie bind the callback to the flow that
     * asked, and the Clio user the tokens belong to must be the one the connection was first authorised by.
     */
    @GetMapping("/oauth/callback/clio")
    public ResponseEntity<Map<String, Object>> callback(@RequestParam(required = false) String code,
                                                        @RequestParam(required = false) String state,
                                                        @RequestParam(required = false) String error,
                                                        HttpServletRequest request) {
        OAuthStates.Callback cb = states.consume("Clio", "clio", code, state, error, request);
        ConnectionRecord c = cb.connection();
        TenantScope scope = cb.scope();
        ClioOAuthClient oauth = clients.oauth(c);
        OAuthTokenSet tokens = VendorFailures.during("Clio", () -> oauth.exchangeCode(code, redirectUri(), cb.codeVerifier()));
        states.bindAccount(cb, "Clio", VendorFailures.during("Clio", () -> oauth.account(tokens)));
        tenancy.writeVoid(scope, () -> {
            connections.saveTokens(c.id(), ClioConnections.serialise(tokens));
            connections.setStatus(c.id(), "active");
            audit.record("connection.authorized", "connection", c.id().toString(), Map.of("vendor", "clio"));
        });
        clients.evict(c.id());
        return ResponseEntity.ok().headers(OAuthStates.clearCookie(c.id())).body(Map.of("connectionId", c.id(),
                "status", "active"));
    }
}
