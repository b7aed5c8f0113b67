package org.matterhub.routes.documents.imanage;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.imanage.ImanageOAuthClient;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.documents.DmsConnect;
import org.matterhub.routes.documents.DmsConnections;
import org.springframework.stereotype.Component;

/**
 * Connecting a firm's iManage Work server: OAuth 2.0 authorization code against the server's own authorization
 * endpoints (IM-AUTH); the library defaults to {@code ACTIVE_US}, so no setting is required.
 */
@Component
public class ImanageConnect extends ImanageAdapter implements DmsConnect {

    /** The product's name as firms know it. */
    static final String NAME = "iManage Work";

    private final ImanageClients clients;

    public ImanageConnect(ImanageClients clients) {
        this.clients = clients;
    }

    @Override
    public org.matterhub.connectors.kernel.VendorHosts hosts() {
        return org.matterhub.connectors.imanage.ImanageProperties.HOSTS;
    }

    @Override
    public String serverDescription() {
        return "iManage Work server";
    }

    @Override
    public Optional<String> settingsProblem(DmsSettings settings) {
        return Optional.empty();
    }

    @Override
    public OAuth<?> oauth(DmsConnections.Dms connection) {
        ImanageOAuthClient oauth = clients.oauth(connection);
        return new OAuth<>(oauth, oauth::account);
    }

    @Override
    public void changed(UUID connectionId) {
        clients.evict(connectionId);
    }
}
