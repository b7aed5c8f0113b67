package org.matterhub.routes.documents;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.vendor.ConnectFlow;
import org.matterhub.routes.vendor.VendorAdapter;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.ConnectionRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Connecting a firm's document-management account (iManage Work, NetDocuments): the firm's server (required, on the
 * vendor's hosts) and its mapping {@link DmsSettings}, which the vendor's {@link DmsConnect} may find lacking. Settings
 * are changed later through the vendor's {@link org.matterhub.routes.vendor.ConnectionSettings}.
 */
@Component
public class DmsConnectFlow implements ConnectFlow {

    private final VendorRegistry vendors;
    private final DmsConnections clients;
    private final VendorUrls urls;

    public DmsConnectFlow(VendorRegistry vendors, DmsConnections clients, VendorUrls urls) {
        this.vendors = vendors;
        this.clients = clients;
        this.urls = urls;
    }

    @Override
    public Class<? extends VendorAdapter> port() {
        return DmsConnect.class;
    }

    @Override
    public Connection prepare(String vendor, Request body) {
        DmsConnect dms = vendors.adapter(vendor, DmsConnect.class);
        if (body.baseUrl() == null || body.baseUrl().isBlank()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid connection", "baseUrl is required: the "
                    + dms.serverDescription() + " of the firm.");
        }
        String baseUrl = body.baseUrl().strip();
        urls.require(baseUrl, dms.hosts());
        DmsSettings settings = ConnectFlow.settings(body.settings(), DmsSettings::parse);
        dms.settingsProblem(settings).ifPresent(problem -> {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", problem);
        });
        dms.vendorUrls(new DmsConnect.Replacement(settings, settings.toJson())).forEach(urls::require);
        String name = body.displayName() == null || body.displayName().isBlank() ? dms.displayName()
                : body.displayName().strip();
        return new Connection(name, baseUrl, settings.toJson());
    }

    @Override
    public URI authorizeUrl(String vendor, ConnectionRecord c, String redirectUri, String state, String codeChallenge) {
        clients.evict(c.id());
        return vendors.adapter(vendor, DmsConnect.class).authorizeUrl(clients.load(c.firmId(), c.id()), redirectUri,
                state, codeChallenge);
    }

    @Override
    public String callbackName(String vendor) {
        return "The document system";
    }

    @Override
    public Grant exchange(String vendor, ConnectionRecord c, String code, Map<String, String> params,
                          String redirectUri, String codeVerifier) {
        UUID firm = c.firmId();
        DmsConnect.Authorized granted = vendors.adapter(vendor, DmsConnect.class)
                .authorize(clients.load(firm, c.id()), code, redirectUri, codeVerifier);
        return Grant.of(granted.account(), () -> clients.saveTokens(firm, c.id(), granted.tokens()),
                () -> clients.evict(c.id()));
    }
}
