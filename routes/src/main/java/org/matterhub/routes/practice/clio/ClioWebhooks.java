package org.matterhub.routes.practice.clio;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioHeaders;
import org.matterhub.connectors.clio.ClioWebhookEvent;
import org.matterhub.connectors.clio.ClioWebhookVerifier;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.vendor.ConnectionWebhooks;
import org.matterhub.store.model.WebhookSubscriptionRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Receives Clio webhooks ({@code /webhooks/clio/{connectionId}}): verify the signature over the raw bytes, persist
 * to the inbox (deduplicated), answer 2xx, and let the inbox route do the work. The handshake ({@code X-Hook-Secret})
 * is echoed only for a subscription this connection created and is still waiting for.
 */
@Component
public class ClioWebhooks extends ClioEndpointAdapter implements ConnectionWebhooks {

    private static final Logger log = LoggerFactory.getLogger(ClioWebhooks.class);

    private final WorkQueue queue;
    private final Tenancy tenancy;
    private final WebhookSubscriptionRepository subscriptions;
    private final InboxRepository inbox;
    private final ClioWebhookVerifier verifier = new ClioWebhookVerifier();

    public ClioWebhooks(WorkQueue queue, Tenancy tenancy, WebhookSubscriptionRepository subscriptions,
                        InboxRepository inbox) {
        this.queue = queue;
        this.tenancy = tenancy;
        this.subscriptions = subscriptions;
        this.inbox = inbox;
    }

    @Override
    public HttpHeaders receive(UUID connection, HttpHeaders headers, byte[] body) {
        String hookSecret = headers.getFirst(ClioHeaders.HOOK_SECRET);
        String signature = headers.getFirst(ClioHeaders.HOOK_SIGNATURE);
        UUID firm = connection == null ? null : queue.firmOfConnection(connection);
        if (firm == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown webhook endpoint", "No connection receives webhooks here.");
        }
        TenantScope scope = TenantScope.system(firm);
        byte[] raw = body == null ? new byte[0] : body;
        Optional<String> handshake = ClioWebhookVerifier.handshakeSecret(hookSecret);
        if (handshake.isPresent()) {
            return handshake(scope, connection, handshake.get(), raw);
        }
        if (signature == null || signature.isBlank()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Missing signature", "The X-Hook-Signature header is required.");
        }
        ClioWebhookEvent event;
        try {
            event = ClioWebhookEvent.parse(raw);
        } catch (VendorResponseException | IllegalArgumentException e) {
            // Unparseable bodies cannot name their webhook, so no secret can verify them: refuse as unsigned.
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Invalid signature", "The webhook body could not be verified.");
        }
        String hookId = Long.toString(event.webhookId());
        String secret = tenancy.read(scope, () -> subscriptions.secret(connection, hookId)).orElse(null);
        if (secret == null || !verifier.verify(raw, signature, secret)) {
            log.warn("Clio webhook with a bad signature refused for connection {}", connection);
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Invalid signature", "X-Hook-Signature does not match the body.");
        }
        boolean fresh = tenancy.write(scope, () -> {
            // A signed delivery proves the subscription is live at Clio.
            subscriptions.markEnabled(connection, hookId);
            return inbox.insertIfAbsent(connection, ClioClient.VENDOR, event.dedupeKey(), new String(raw, StandardCharsets.UTF_8));
        });
        if (!fresh) {
            log.info("Replayed Clio event {} refused for connection {}", event.dedupeKey(), connection);
            throw new ApiProblem(HttpStatus.CONFLICT, "Duplicate event",
                    "This event was already received; it is processed once.");
        }
        return new HttpHeaders();
    }

    private HttpHeaders handshake(TenantScope scope, UUID connection, String secret, byte[] raw) {
        boolean known = tenancy.read(scope, () -> subscriptions.forConnection(connection).stream()
                .anyMatch(s -> "pending".equals(s.status()) || "enabled".equals(s.status())));
        if (!known) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Unexpected handshake", "No subscription of this connection is pending.");
        }
        HttpHeaders echo = new HttpHeaders();
        echo.set(ClioHeaders.HOOK_SECRET, secret);
        return echo;
    }
}
