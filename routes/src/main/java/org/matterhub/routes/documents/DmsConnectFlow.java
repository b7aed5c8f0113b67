package org.matterhub.routes.documents;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.vendor.ConnectFlow;
import org.matterhub.routes.vendor.PortConnectFlow;
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
public class DmsConnectFlow extends PortConnectFlow<DmsConnect> {

    private final DmsConnections clients;
    private final VendorUrls urls;

    public DmsConnectFlow(VendorRegistry vendors, DmsConnections clients, VendorUrls urls) {
        super(vendors, DmsConnect.class, "The document system");
        this.clients = clients;
        this.urls = urls;
    }

    /** The firm's server: required, on the vendor's hosts. */
    @Override
    protected String baseUrl(DmsConnect dms, String requested) {
        if (requested == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid connection", "baseUrl is required: the "
                    + dms.serverDescription() + " of the firm.");
        }
        urls.require(requested, dms.hosts());
        return requested;
    }

    @Override
    protected String settingsJson(DmsConnect dms, JsonNode body) {
        DmsSettings settings = ConnectFlow.settings(body, DmsSettings::parse);
        dms.settingsProblem(settings).ifPresent(problem -> {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", problem);
        });
        dms.vendorUrls(new DmsConnect.Replacement(settings, settings.toJson())).forEach(urls::require);
        return settings.toJson();
    }

    @Override
    public URI authorizeUrl(String vendor, ConnectionRecord c, String redirectUri, String state, String codeChallenge) {
        clients.evict(c.id());
        return port(vendor).authorizeUrl(clients.load(c.firmId(), c.id()), redirectUri, state, codeChallenge);
    }

    @Override
    public Grant exchange(String vendor, ConnectionRecord c, String code, Map<String, String> params,
                          String redirectUri, String codeVerifier) {
        UUID firm = c.firmId();
        DmsConnect.Authorized granted = port(vendor).authorize(clients.load(firm, c.id()), code, redirectUri,
                codeVerifier);
        return Grant.of(granted.account(), () -> clients.saveTokens(firm, c.id(), granted.tokens()),
                () -> clients.evict(c.id()));
    }
}
