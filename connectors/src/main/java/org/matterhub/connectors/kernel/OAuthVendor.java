package org.matterhub.connectors.kernel;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ClientAuthentication;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.ErrorReader;
import org.matterhub.connectors.kernel.OAuthTokenEndpoint.Reauthorization;

/**
 * How one vendor's token endpoint behaves, as a vendor's {@link OAuthClient} declares it once: how the client
 * authenticates, the access token's lifetime when an answer has no {@code expires_in}, how error bodies read, and
 * which error codes mean the grant is gone (the vendor's "re-authorisation required").
 *
 * @param vendor               vendor name in exceptions
 * @param defaultLifetime      the access token's lifetime when the answer has no {@code expires_in}
 * @param errors               reads the vendor's error bodies ({@link OAuthTokenEndpoint#standardError} for RFC 6749's)
 * @param reauthorizationCodes the error codes that mean the grant is gone
 */
public record OAuthVendor(String vendor, ClientAuthentication authentication, Duration defaultLifetime,
                          ErrorReader errors, Reauthorization reauthorization, Set<String> reauthorizationCodes) {

    /** The codes that mean the grant is gone unless a vendor says otherwise. */
    public static final Set<String> GRANT_GONE = Set.of("invalid_grant", "invalid_client");

    public OAuthVendor {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(reauthorization, "reauthorization");
        reauthorizationCodes = Set.copyOf(reauthorizationCodes);
    }

    /** A vendor for which {@link #GRANT_GONE} means the grant is gone. */
    public OAuthVendor(String vendor, ClientAuthentication authentication, Duration defaultLifetime,
                       ErrorReader errors, Reauthorization reauthorization) {
        this(vendor, authentication, defaultLifetime, errors, reauthorization, GRANT_GONE);
    }

    /** The token endpoint at {@code tokenUrl} for one connection's settings. */
    public OAuthTokenEndpoint endpoint(URI tokenUrl, OAuthClientSettings settings, HttpClient http, Clock clock) {
        return OAuthTokenEndpoint.builder(vendor, tokenUrl, http, clock)
                .client(settings.clientId(), settings.clientSecret(), authentication, settings.requestTimeout())
                .defaultLifetime(defaultLifetime)
                .errors(errors)
                .reauthorization(reauthorization, reauthorizationCodes.toArray(String[]::new))
                .build();
    }
}
