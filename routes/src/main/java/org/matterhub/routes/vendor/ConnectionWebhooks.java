package org.matterhub.routes.vendor;

import java.util.UUID;
import org.springframework.http.HttpHeaders;

/**
 * The port of a vendor whose webhooks are subscribed per connection and delivered to the connection's own URL
 * ({@code POST /webhooks/{vendor}/{connectionId}}, Clio's): the vendor checks the delivery's handshake or signature
 * with the connection's subscription secrets and stores it in the inbox. The vendor-neutral endpoint finds the port
 * through the registry; a vendor without it has no such URL (404).
 */
public interface ConnectionWebhooks extends VendorAdapter {

    /**
     * Receives one delivery for {@code connectionId} (null when the path names no connection).
     *
     * @return headers of the 200 answer (a handshake's echo), empty otherwise
     * @throws org.matterhub.portal.problem.ApiProblem 404 for an unknown connection, 401 for a bad signature or an
     *         unexpected handshake, 409 for a delivery received before
     */
    HttpHeaders receive(UUID connectionId, HttpHeaders headers, byte[] body);
}
