package org.matterhub.routes.http;

import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.vendor.ConnectionWebhooks;
import org.matterhub.routes.vendor.VendorRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives the webhooks a vendor delivers to one connection's own URL ({@code /webhooks/clio/{connectionId}}): the
 * vendor's {@link ConnectionWebhooks}, from the registry, checks and stores the delivery before anything else reads
 * it. A vendor without that port, or a path that names no connection, has no such endpoint (404).
 */
@RestController
public class ConnectionWebhookController {

    private final VendorRegistry vendors;

    public ConnectionWebhookController(VendorRegistry vendors) {
        this.vendors = vendors;
    }

    @PostMapping("/webhooks/{vendor}/{connectionId}")
    public ResponseEntity<Void> receive(@PathVariable String vendor, @PathVariable String connectionId,
                                        @RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        ConnectionWebhooks hooks = vendors.find(vendor, ConnectionWebhooks.class).orElseThrow(() ->
                new ApiProblem(HttpStatus.NOT_FOUND, "Unknown webhook endpoint", "No connection receives webhooks here."));
        return ResponseEntity.ok().headers(hooks.receive(uuid(connectionId), headers, body)).build();
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
