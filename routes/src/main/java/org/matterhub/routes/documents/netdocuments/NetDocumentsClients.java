package org.matterhub.routes.documents.netdocuments;

import static org.matterhub.routes.documents.DmsConnections.require;

import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.netdocuments.NetDocumentsClient;
import org.matterhub.connectors.netdocuments.NetDocumentsOAuthClient;
import org.matterhub.connectors.netdocuments.NetDocumentsProperties;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsConnections.Dms;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.documents.DmsVendorClients;
import org.matterhub.routes.engine.StoredTokens;
import org.springframework.stereotype.Component;

/**
 * NetDocuments clients of a firm's connections: the region's host (and API host, if the settings name one), the
 * repository and cabinet from the settings, the hub's OAuth application from {@link DmsProperties}, and a request
 * budget of 100 per 60 s unless the settings say otherwise (as NetDocuments' connector documentation names it).
 */
@Component
public class NetDocumentsClients extends DmsVendorClients<NetDocumentsProperties, NetDocumentsClient> {

    public NetDocumentsClients(DmsConnections connections) {
        super(connections, NetDocumentsClient.class);
    }

    @Override
    public NetDocumentsProperties properties(Dms dms) {
        DmsSettings s = dms.settings();
        DmsProperties properties = connections().properties();
        URI base = connections().urls().verify(dms.connection().baseUrl(), NetDocumentsProperties.HOSTS);
        URI api = s.apiBaseUrl() == null ? base : connections().urls().verify(s.apiBaseUrl(), NetDocumentsProperties.HOSTS);
        return ConnectorSettings.validated(new NetDocumentsProperties(base, api, require(s.repositoryId(), "repositoryId setting"),
                require(s.cabinetId(), "cabinetId setting"), require(properties.netdocumentsClientId(), "netdocuments-client-id"),
                require(properties.netdocumentsClientSecret(), "netdocuments-client-secret"), null, Duration.ofSeconds(30),
                NetDocumentsProperties.MAX_PAGE_SIZE, s.requestsPerMinuteOr(NetDocumentsProperties.DEFAULT_RATE_LIMIT_PER_MINUTE)));
    }

    public NetDocumentsOAuthClient oauth(Dms dms) {
        return new NetDocumentsOAuthClient(properties(dms), connections().http(), Clock.systemUTC());
    }

    @Override
    protected NetDocumentsClient build(UUID connectionId, NetDocumentsProperties p, StoredTokens<OAuthTokenSet> tokens) {
        return new NetDocumentsClient(p, tokens, connections().limiter(connectionId, p.rateLimitPerMinute()),
                connections().http(), Clock.systemUTC());
    }
}
