package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroTenant;
import org.matterhub.connectors.xero.XeroTokenStore;
import org.matterhub.connectors.xero.XeroTokens;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.routes.engine.OAuthStates;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting a firm's QuickBooks Online company or Xero organisation: the firm admin posts the API base URL and the
 * firm's billing settings, follows the vendor's authorize redirect, and the vendor calls back here with a code that
 * is exchanged for tokens, stored encrypted. QuickBooks names the company in the callback ({@code realmId}); Xero's
 * organisation is found through {@code /connections} (a grant that reaches several organisations must name one in
 * {@code settings.tenantId}). The first poll, the backfill, starts on the next tick.
 */
@RestController
public class BillingConnectController {

    /** Body of a connect request. {@code settings} is a {@link BillingSettings} object. */
    public record ConnectRequest(String displayName, String baseUrl, JsonNode settings) {
    }

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final BillingConnections clients;
    private final BillingSyncService sync;
    private final OAuthStates states;
    private final AuditLog audit;
    private final String publicBaseUrl;

    public BillingConnectController(Tenancy tenancy, ConnectionRepository connections, BillingConnections clients,
                                    BillingSyncService sync, OAuthStates states, AuditLog audit,
                                    @Value("${matterhub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl) {
        this.tenancy = tenancy;
        this.connections = connections;
        this.clients = clients;
        this.sync = sync;
        this.states = states;
        this.audit = audit;
        this.publicBaseUrl = publicBaseUrl;
    }

    public String redirectUri(String vendor) {
        return publicBaseUrl + "/oauth/callback/" + vendor;
    }

    @PostMapping("/api/v1/admin/connections/{vendor:quickbooks|xero}")
    public ResponseEntity<Map<String, Object>> connect(@PathVariable String vendor, @RequestBody ConnectRequest body,
                                                       HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, "firm_admin");
        boolean qbo = BillingConnections.QUICKBOOKS.equals(vendor);
        String baseUrl = body == null || body.baseUrl() == null || body.baseUrl().isBlank()
                ? (qbo ? "https://quickbooks.api.intuit.com/v3/company" : "https://api.xero.com/api.xro/2.0")
                : body.baseUrl().strip();
        // The QuickBooks simulator is reached through the devkit's proxy under a name that never resolves.
        OAuthStates.requireSecure(baseUrl, "The accounting API's URL", "http://quickbooks.simulator.invalid");
        BillingSettings settings = settings(body == null ? null : body.settings());
        String name = body == null || body.displayName() == null || body.displayName().isBlank()
                ? (qbo ? "QuickBooks Online" : "Xero") : body.displayName().strip();
        OAuthStates.Started started = states.begin(p.scope(), vendor, name, baseUrl, settings.toJson());
        ConnectionRecord c = started.connection();
        clients.evict(c.id());
        BillingConnections.Accounting a = clients.load(c.firmId(), c.id());
        String oauthState = started.state();
        URI authorize = qbo ? clients.quickbooksOAuth(a).authorizeUrl(redirectUri(vendor), oauthState)
                : clients.xeroOAuth(a).authorizeUrl(redirectUri(vendor), oauthState);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("connectionId", c.id(), "authorizeUrl", authorize.toString()));
    }

    @GetMapping("/oauth/callback/{vendor:quickbooks|xero}")
    public Map<String, Object> callback(@PathVariable String vendor, @RequestParam(required = false) String code,
                                        @RequestParam(required = false) String state,
                                        @RequestParam(required = false) String realmId,
                                        @RequestParam(required = false) String error) {
        boolean qbo = BillingConnections.QUICKBOOKS.equals(vendor);
        if (qbo && error == null && code != null && (realmId == null || !realmId.matches("[0-9]{1,32}"))) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid callback", "QuickBooks names the company in realmId.");
        }
        OAuthStates.Callback cb = states.consume("The accounting system", vendor, code, state, error);
        ConnectionRecord c = cb.connection();
        TenantScope scope = cb.scope();
        UUID firm = scope.firmId();
        BillingConnections.Accounting a = clients.load(firm, c.id());
        OAuthTokens tokens;
        BillingSettings settings;
        if (qbo) {
            tokens = clients.quickbooksOAuth(a).exchangeCode(code, redirectUri(vendor));
            settings = a.settings().withRealm(realmId);
        } else {
            XeroTokens xt = clients.xeroOAuth(a).exchangeCode(code, redirectUri(vendor));
            tokens = xt;
            settings = a.settings().withTenant(tenant(a, xt));
        }
        clients.saveTokens(firm, c.id(), tokens);
        tenancy.writeVoid(scope, () -> {
            connections.setSettings(c.id(), settings.toJson());
            connections.setStatus(c.id(), "active");
            audit.record("connection.authorized", "connection", c.id().toString(), Map.of("vendor", vendor));
        });
        clients.evict(c.id());
        sync.requestPoll(vendor, firm, c.id());
        return Map.of("connectionId", c.id(), "status", "active",
                qbo ? "realmId" : "tenantId", qbo ? settings.realmId() : settings.tenantId());
    }

    /** The organisation the grant reaches: the one the settings name, or the only one. */
    private String tenant(BillingConnections.Accounting a, XeroTokens tokens) {
        XeroTokens[] held = {tokens};
        XeroClient discovery = new XeroClient(clients.xeroProperties(a), new UUID(0, 0), new XeroTokenStore() {
            @Override
            public XeroTokens load() {
                return held[0];
            }

            @Override
            public void save(XeroTokens t) {
                held[0] = t;
            }
        });
        List<XeroTenant> tenants = discovery.connections().stream()
                .filter(t -> t.tenantType() == null || "ORGANISATION".equalsIgnoreCase(t.tenantType())).toList();
        String wanted = a.settings().tenantId();
        if (wanted != null) {
            return tenants.stream().map(t -> t.tenantId().toString()).filter(wanted::equalsIgnoreCase).findFirst()
                    .orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "Organisation not granted",
                            "The Xero grant does not reach organisation " + wanted + "."));
        }
        if (tenants.size() != 1) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Choose an organisation", "The Xero grant reaches " + tenants.size()
                    + " organisations; name one in settings.tenantId and connect again.");
        }
        return tenants.get(0).tenantId().toString();
    }

    /** Parses settings from a request body; a 422 problem when they are invalid. */
    public static BillingSettings settings(JsonNode node) {
        try {
            return BillingSettings.parse(node == null || node.isNull() ? "{}" : node.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage());
        }
    }
}
