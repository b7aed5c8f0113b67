package org.matterhub.routes.practice.clio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioWebhook;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.WebhookSubscription;
import org.matterhub.store.model.WebhookSubscriptionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps a connection's Clio webhook subscriptions alive: creates one per model (matter, contact) with a
 * 31-day expiry, confirms the X-Hook-Secret handshake, and renews each before it expires (Clio: default
 * 3 days, maximum 31, extended by PATCHing {@code expires_at}).
 */
@Component
public class ClioWebhookManager {

    public static final List<String> MODELS = List.of("matter", "contact");
    public static final String FIELDS = "id,etag,updated_at";
    static final Duration LIFETIME = Duration.ofDays(30);
    static final Duration RENEW_BEFORE = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(ClioWebhookManager.class);

    private final ClioConnections clients;
    private final ConnectionRepository connections;
    private final WebhookSubscriptionRepository subscriptions;
    private final Tenancy tenancy;
    private final PublicAddress address;

    public ClioWebhookManager(ClioConnections clients, ConnectionRepository connections,
                              WebhookSubscriptionRepository subscriptions, Tenancy tenancy,
                              PublicAddress address) {
        this.clients = clients;
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.tenancy = tenancy;
        this.address = address;
    }

    public String callbackUrl(UUID connectionId) {
        return address.url("/webhooks/clio/" + connectionId);
    }

    /** Creates missing subscriptions and renews those close to expiry. */
    public synchronized void ensure(UUID firmId, UUID connectionId) {
        TenantScope scope = TenantScope.system(firmId);
        ConnectionRecord c = tenancy.read(scope, () -> connections.find(connectionId)).orElseThrow();
        if (!c.webhooksEnabled() || !"active".equals(c.status())) {
            return;
        }
        ClioClient client = clients.client(firmId, connectionId);
        List<WebhookSubscription> existing = tenancy.read(scope, () -> subscriptions.forConnection(connectionId));
        Instant now = Instant.now();
        for (String model : MODELS) {
            var sub = existing.stream().filter(s -> s.model().equals(model) && !"suspended".equals(s.status())).findFirst();
            if (sub.isEmpty()) {
                // Store the secret before Clio's handshake can arrive, so it finds a pending subscription.
                tenancy.writeVoid(scope, () -> subscriptions.upsert(connectionId, "pending:" + model, model, null, "pending", null));
                ClioWebhook hook = client.createWebhook(callbackUrl(connectionId), model,
                        List.of("created", "updated", "deleted"), FIELDS, now.plus(LIFETIME));
                tenancy.writeVoid(scope, () -> {
                    subscriptions.setStatus(connectionId, "pending:" + model, "deleted");
                    subscriptions.upsert(connectionId, Long.toString(hook.id()), model, hook.sharedSecret(),
                            "enabled".equals(hook.status()) ? "enabled" : "pending", hook.expiresAt());
                });
                log.info("Clio {} webhook {} created for connection {}", model, hook.id(), connectionId);
            } else if (sub.get().expiresAt() != null && sub.get().expiresAt().isBefore(now.plus(RENEW_BEFORE))
                    && !sub.get().vendorWebhookId().startsWith("pending:")) {
                ClioWebhook renewed = client.extendWebhook(Long.parseLong(sub.get().vendorWebhookId()), now.plus(LIFETIME));
                tenancy.writeVoid(scope, () -> subscriptions.setExpiry(connectionId, sub.get().vendorWebhookId(), renewed.expiresAt()));
                log.info("Clio {} webhook {} renewed until {}", model, renewed.id(), renewed.expiresAt());
            }
        }
        refreshStatuses(scope, client, connectionId);
    }

    private void refreshStatuses(TenantScope scope, ClioClient client, UUID connectionId) {
        for (ClioWebhook hook : client.listWebhooks()) {
            if (hook.url() != null && hook.url().equals(callbackUrl(connectionId))) {
                tenancy.writeVoid(scope, () -> subscriptions.setStatus(connectionId, Long.toString(hook.id()),
                        "enabled".equals(hook.status()) ? "enabled" : "suspended".equals(hook.status()) ? "suspended" : "pending"));
            }
        }
    }
}
