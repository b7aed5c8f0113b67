package org.matterhub.routes.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.model.ConnectionRecord;
import org.springframework.http.HttpStatus;

/**
 * How one capability connects a firm's account at one of its vendors with OAuth 2.0's authorization code, for the
 * vendor-neutral endpoints ({@code POST /api/v1/admin/connections/{vendor}}, {@code GET /oauth/callback/{vendor}}).
 * Those endpoints take the flow whose {@link #port()} the {@link VendorRegistry} has an adapter of for the vendor in
 * the path (none: 404), and run the steps every vendor shares (the state and the browser's cookie, the account
 * binding, activation, audit); a flow does what its capability needs, through the vendor's adapter.
 */
public interface ConnectFlow {

    /** The capability's connect port: the flow serves every vendor whose registered adapter implements it. */
    Class<? extends VendorAdapter> port();

    /** What the firm admin posts; {@code settings} are the capability's settings object, when it has one. */
    record Request(String displayName, String baseUrl, JsonNode settings) {
    }

    /** The connection to create (or re-authorise, found by vendor and name): its name, checked base URL and settings. */
    record Connection(String displayName, String baseUrl, String settingsJson) {
    }

    /**
     * Checks {@code request} for {@code vendor} and says what to store.
     *
     * @throws org.matterhub.portal.problem.ApiProblem 422 when the base URL or the settings are not acceptable
     */
    Connection prepare(String vendor, Request request);

    /** Where the admin's browser goes for {@code connection}, just begun; {@code codeChallenge} is the PKCE S256. */
    URI authorizeUrl(String vendor, ConnectionRecord connection, String redirectUri, String state, String codeChallenge);

    /** How a refused or broken callback's problem names the vendor's side ("The accounting system"). */
    String callbackName(String vendor);

    /** Refuses (a 400 problem) a successful callback that lacks what the vendor always sends with it. */
    default void checkCallback(String vendor, Map<String, String> params) {
    }

    /**
     * Exchanges the callback's {@code code} (proving the flow with its PKCE verifier) and asks the vendor which account
     * the tokens reach. Nothing is stored yet: the account is bound to the connection first.
     */
    Grant exchange(String vendor, ConnectionRecord connection, String code, Map<String, String> params,
                   String redirectUri, String codeVerifier);

    /**
     * A completed code exchange, held until the account it reaches is found to be the connection's.
     *
     * @param account      the vendor's id of the account the tokens reach, as its identity endpoint says
     * @param saveTokens   stores the tokens, encrypted, on the connection
     * @param settingsJson settings to store as the connection becomes active (naming the account), or null to keep them
     * @param fields       fields the callback's answer adds to {@code connectionId} and {@code status}
     * @param activated    run once the connection is active: cached clients are dropped, the first poll may start
     */
    record Grant(String account, Runnable saveTokens, String settingsJson, Map<String, Object> fields,
                 Runnable activated) {

        /** A grant that keeps the connection's settings and adds nothing to the answer. */
        public static Grant of(String account, Runnable saveTokens, Runnable activated) {
            return new Grant(account, saveTokens, null, Map.of(), activated);
        }
    }

    /**
     * The capability's settings object read from a request's {@code settings} ({@code {}} when absent) by
     * {@code parse}; a 422 problem with the parser's reason when they are invalid.
     */
    static <T> T settings(JsonNode node, Function<String, T> parse) {
        try {
            return parse.apply(node == null || node.isNull() ? "{}" : node.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid settings", e.getMessage());
        }
    }
}
