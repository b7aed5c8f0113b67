package org.matterhub.connectors.kernel;

import java.time.Duration;

/**
 * What a connector's settings record tells its {@link OAuthClient}: the hub's OAuth application at the vendor, the
 * request timeout, and the scope.
 */
public interface OAuthClientSettings {

    /** The OAuth client id of the hub's application. */
    String clientId();

    /** The OAuth client secret. <b>Secret:</b> never logged, never in an exception message. */
    String clientSecret();

    /** The timeout of one request to the token endpoint. */
    Duration requestTimeout();

    /** The scope to ask for, or null when the vendor takes none (the scopes are set on the application). */
    default String scope() {
        return null;
    }
}
