package org.matterhub.routes.practice.clio;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioOAuthClient;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.routes.practice.PracticeConnect;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * Connecting Clio: the region's host ({@code baseUrl}, default the app's {@code matterhub.clio.base-url}) on Clio's
 * published hosts, Clio's OAuth 2.0 authorization code, and the Clio user the tokens belong to ({@code who_am_i}) as
 * the account the connection is bound to.
 */
@Component
public class ClioConnect extends ClioEndpointAdapter implements PracticeConnect {

    private final ClioConnections clients;
    private final ClioProperties properties;
    private final VendorUrls urls;
    private final Tenancy tenancy;
    private final ConnectionRepository connections;

    public ClioConnect(ClioConnections clients, ClioProperties properties, VendorUrls urls, Tenancy tenancy,
                       ConnectionRepository connections) {
        this.clients = clients;
        this.properties = properties;
        this.urls = urls;
        this.tenancy = tenancy;
        this.connections = connections;
    }

    @Override
    public Connection prepare(String vendor, Request body) {
        String name = body.displayName() == null ? displayName() : body.displayName();
        String baseUrl = body.baseUrl() == null ? properties.baseUrl().toString() : body.baseUrl();
        return new Connection(name, urls.require(baseUrl, ClioProperties.HOSTS).toString(), null);
    }

    @Override
    public URI authorizeUrl(String vendor, ConnectionRecord c, String redirectUri, String state, String codeChallenge) {
        return clients.oauth(c).authorizeUrl(redirectUri, state, codeChallenge);
    }

    @Override
    public String callbackName(String vendor) {
        return displayName();
    }

    @Override
    public Grant exchange(String vendor, ConnectionRecord c, String code, Map<String, String> params,
                          String redirectUri, String codeVerifier) {
        ClioOAuthClient oauth = clients.oauth(c);
        OAuthTokenSet tokens = oauth.exchangeCode(code, redirectUri, codeVerifier);
        String account = oauth.account(tokens);
        UUID firm = c.firmId();
        return Grant.of(account, () -> tenancy.writeVoid(TenantScope.system(firm),
                () -> connections.saveTokens(c.id(), ClioConnections.serialise(tokens))), () -> clients.evict(c.id()));
    }
}
