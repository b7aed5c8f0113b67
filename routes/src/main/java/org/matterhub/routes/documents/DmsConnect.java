package org.matterhub.routes.documents;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.vendor.ConnectionSettings;

/**
 * What connecting a firm's document-management account needs from its vendor, for the vendor-neutral
 * {@code routes.http.DmsConnectController}: what its server is called, which settings it cannot do without, and its
 * OAuth 2.0 authorization-code flow. Settings are changed later through {@link ConnectionSettings}, which every
 * document system supports the same way ({@link DmsSettings}).
 */
public interface DmsConnect extends ConnectionSettings {

    /** What the connection's {@code baseUrl} is, in the words of an error message: "iManage Work server". */
    String serverDescription();

    /** Why {@code settings} cannot serve a connection of this vendor, if they cannot. */
    Optional<String> settingsProblem(DmsSettings settings);

    /** Where the firm admin's browser goes to grant the hub access. */
    URI authorizeUrl(DmsConnections.Dms connection, String redirectUri, String state);

    /** Exchanges the authorization code the vendor sent back for tokens. */
    OAuthTokens exchangeCode(DmsConnections.Dms connection, String code, String redirectUri);

    @Override
    default Replacement replace(String stored, JsonNode given) {
        DmsSettings settings = DmsSettings.parse(given == null || given.isNull() ? "{}" : given.toString());
        return new Replacement(settings, settings.toJson());
    }
}
