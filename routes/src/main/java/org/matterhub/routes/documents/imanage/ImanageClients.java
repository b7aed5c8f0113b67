package org.matterhub.routes.documents.imanage;

import static org.matterhub.routes.documents.DmsConnections.require;

import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.imanage.ImanageClient;
import org.matterhub.connectors.imanage.ImanageOAuthClient;
import org.matterhub.connectors.imanage.ImanageProperties;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsConnections.Dms;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.documents.DmsVendorClients;
import org.matterhub.routes.engine.StoredTokens;
import org.springframework.stereotype.Component;

/**
 * iManage Work clients of a firm's connections: the server and library from the connection, the hub's OAuth
 * application from {@link DmsProperties}, a request budget of 300 per minute unless the settings say otherwise
 * (iManage publishes no limit).
 */
@Component
public class ImanageClients extends DmsVendorClients<ImanageProperties, ImanageClient> {

    public ImanageClients(DmsConnections connections) {
        super(connections, ImanageClient.class);
    }

    @Override
    public ImanageProperties properties(Dms dms) {
        DmsSettings s = dms.settings();
        DmsProperties properties = connections().properties();
        URI base = connections().urls().verify(dms.connection().baseUrl(), ImanageProperties.HOSTS);
        return ConnectorSettings.validated(new ImanageProperties(base, s.customerId(),
                s.library() == null ? "ACTIVE_US" : s.library(), require(properties.imanageClientId(), "imanage-client-id"),
                require(properties.imanageClientSecret(), "imanage-client-secret"), Duration.ofSeconds(30),
                ImanageProperties.DEFAULT_CRAWL_PAGE_SIZE, 500,
                s.requestsPerMinuteOr(ImanageProperties.DEFAULT_RATE_LIMIT_PER_MINUTE)));
    }

    public ImanageOAuthClient oauth(Dms dms) {
        return new ImanageOAuthClient(properties(dms), connections().http(), Clock.systemUTC());
    }

    @Override
    protected ImanageClient build(UUID connectionId, ImanageProperties p, StoredTokens<OAuthTokenSet> tokens) {
        return new ImanageClient(p, tokens, connections().limiter(connectionId, p.rateLimitPerMinute()), connections().http(),
                Clock.systemUTC());
    }
}
