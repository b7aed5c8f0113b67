package org.matterhub.routes.documents.netdocuments;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.netdocuments.NetDocumentsOAuthClient;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.documents.DmsConnect;
import org.matterhub.routes.documents.DmsConnections;
import org.springframework.stereotype.Component;

/**
 * Connecting a firm's NetDocuments repository: OAuth 2.0 authorization code against the region's host (ND-AUTH). A
 * connection names its repository ({@code CA-…}) and cabinet ({@code NG-…}): every API call is scoped to them.
 */
@Component
public class NetDocumentsConnect extends NetDocumentsAdapter implements DmsConnect {

    /** The product's name as firms know it. */
    static final String NAME = "NetDocuments";

    private final NetDocumentsClients clients;

    public NetDocumentsConnect(NetDocumentsClients clients) {
        this.clients = clients;
    }

    @Override
    public org.matterhub.connectors.kernel.VendorHosts hosts() {
        return org.matterhub.connectors.netdocuments.NetDocumentsProperties.HOSTS;
    }

    @Override
    public String serverDescription() {
        return "NetDocuments host";
    }

    @Override
    public Optional<String> settingsProblem(DmsSettings settings) {
        return settings.repositoryId() == null || settings.cabinetId() == null
                ? Optional.of("A NetDocuments connection needs settings.repositoryId (CA-…) and settings.cabinetId (NG-…).")
                : Optional.empty();
    }

    @Override
    public OAuth<?> oauth(DmsConnections.Dms connection) {
        NetDocumentsOAuthClient oauth = clients.oauth(connection);
        return new OAuth<>(oauth, oauth::account);
    }

    @Override
    public void changed(UUID connectionId) {
        clients.evict(connectionId);
    }
}
