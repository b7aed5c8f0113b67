package org.matterhub.routes.documents;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.matterhub.connectors.kernel.OAuthClient;
import org.matterhub.connectors.kernel.OAuthTokens;
import org.matterhub.connectors.kernel.VendorHosts;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.vendor.ConnectionSettings;

/**
 * What connecting a firm's document-management account needs from its vendor, for the vendor-neutral
 * {@link DmsConnectFlow} (behind the vendor-neutral {@code routes.http.ConnectController}): what its server is called,
 * which settings it cannot do without, and its
 * OAuth 2.0 authorization-code flow. Settings are changed later through {@link ConnectionSettings}, which every
 * document system supports the same way ({@link DmsSettings}).
 */
public interface DmsConnect extends ConnectionSettings {

    /** What the connection's {@code baseUrl} is, in the words of an error message: "iManage Work server". */
    String serverDescription();

    /** The vendor's published hosts: the only ones the connection's URLs may name. */
    VendorHosts hosts();

    /** Why {@code settings} cannot serve a connection of this vendor, if they cannot. */
    Optional<String> settingsProblem(DmsSettings settings);

    /** Tokens of a completed grant and the vendor account they reach (as the vendor's identity endpoint says). */
    record Authorized(OAuthTokens tokens, String account) {
    }

    /**
     * The hub's OAuth 2.0 client at the vendor for a connection, with how the vendor's identity endpoint names the
     * account fresh tokens reach.
     */
    record OAuth<T extends OAuthTokens>(OAuthClient<T> client, Function<T, String> account) {

        Authorized authorize(String code, String redirectUri, String codeVerifier) {
            T tokens = client.exchangeCode(code, redirectUri, codeVerifier);
            return new Authorized(tokens, account.apply(tokens));
        }
    }

    /** The connection's OAuth client (its server, the hub's application). */
    OAuth<?> oauth(DmsConnections.Dms connection);

    /** Where the firm admin's browser goes to grant the hub access; {@code codeChallenge} is the flow's PKCE S256. */
    default URI authorizeUrl(DmsConnections.Dms connection, String redirectUri, String state, String codeChallenge) {
        return oauth(connection).client().authorizeUrl(redirectUri, state, codeChallenge);
    }

    /**
     * Exchanges the authorization code the vendor sent back for tokens, proving the flow with its PKCE verifier, and
     * asks the vendor which account the tokens reach.
     */
    default Authorized authorize(DmsConnections.Dms connection, String code, String redirectUri, String codeVerifier) {
        return oauth(connection).authorize(code, redirectUri, codeVerifier);
    }

    /** NetDocuments' {@code apiBaseUrl}, when the settings name one: checked against {@link #hosts()} too. */
    @Override
    default Map<String, VendorHosts> vendorUrls(Replacement replaced) {
        String api = replaced.settings() instanceof DmsSettings s ? s.apiBaseUrl() : null;
        return api == null ? Map.of() : Map.of(api, hosts());
    }

    @Override
    default Replacement replace(String stored, JsonNode given) {
        DmsSettings settings = DmsSettings.parse(given == null || given.isNull() ? "{}" : given.toString());
        return new Replacement(settings, settings.toJson());
    }
}
