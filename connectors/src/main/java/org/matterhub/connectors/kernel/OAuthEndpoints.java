package org.matterhub.connectors.kernel;

import java.net.URI;
import java.util.Objects;

/**
 * Where a connection's OAuth 2.0 endpoints are.
 *
 * @param authorizeUrl where the firm admin's browser goes to grant access (it may carry a query of its own)
 * @param tokenUrl     where codes and refresh tokens are exchanged
 */
public record OAuthEndpoints(URI authorizeUrl, URI tokenUrl) {

    public OAuthEndpoints {
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
    }

    /** Endpoints at the vendor's fixed paths on one host ({@code base} without a trailing slash). */
    public static OAuthEndpoints under(URI base, String authorizePath, String tokenPath) {
        return new OAuthEndpoints(URI.create(base + authorizePath), URI.create(base + tokenPath));
    }
}
