package org.matterhub.routes.practice.clio;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.connectors.clio.ClioNotFoundException;
import org.matterhub.connectors.clio.ClioWebhookEvent;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.store.model.WebhookSubscriptionRepository;
import org.matterhub.store.sync.InboxEntry;
import org.springframework.stereotype.Component;

/**
 * Works a stored Clio event. The payload carries only id and etag (webhooks are hints): the record is read
 * back from Clio and upserted, or tombstoned when Clio says it is gone.
 */
@Component
public class ClioWebhookInboxHandler extends QueueHandler<InboxEntry> implements QueueDrainer.InboxHandler {

    private final ClioConnections clients;
    private final ClioUpserter upserter;
    private final WebhookSubscriptionRepository subscriptions;
    private static final int MAX_MODELS = 10_000;
    private final Map<String, String> models = new ConcurrentHashMap<>();

    public ClioWebhookInboxHandler(ClioConnections clients, ClioUpserter upserter, WebhookSubscriptionRepository subscriptions) {
        super(ClioClient.VENDOR, new ClioErrorClassifier());
        this.clients = clients;
        this.upserter = upserter;
        this.subscriptions = subscriptions;
    }

    /**
     * The model a webhook subscription watches. A Clio webhook id never changes its model (renewal keeps the id; a
     * new model is a new webhook), so the answer is kept once read instead of re-reading the subscriptions per event.
     */
    private String modelOf(UUID connectionId, String webhookId) {
        String key = connectionId + ":" + webhookId;
        String known = models.get(key);
        if (known != null) {
            return known;
        }
        String model = subscriptions.forConnection(connectionId).stream()
                .filter(s -> s.vendorWebhookId().equals(webhookId)).map(s -> s.model())
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Event of unknown webhook " + webhookId));
        if (models.size() < MAX_MODELS) {
            models.put(key, model);
        }
        return model;
    }

    @Override
    public void handle(InboxEntry entry) {
        ClioWebhookEvent event = ClioWebhookEvent.parse(entry.payload().getBytes(StandardCharsets.UTF_8));
        String model = modelOf(entry.connectionId(), Long.toString(event.webhookId()));
        long id = Long.parseLong(event.recordId());
        ClioClient client = clients.client(entry.firmId(), entry.connectionId());
        if ("matter".equals(model)) {
            if (event.isDeletion()) {
                upserter.deleteMatter(entry.connectionId(), event.recordId());
                return;
            }
            try {
                ClioMatter matter = client.getMatter(id);
                if (matter.client() != null && matter.client().id() != null
                        && !upserter.knowsClientOrg(entry.connectionId(), Long.toString(matter.client().id()))) {
                    ClioContact c = client.getContact(matter.client().id());
                    upserter.contact(entry.connectionId(), c);
                    upserter.ensureIndividualClientOrg(entry.connectionId(), c);
                }
                upserter.matter(entry.connectionId(), matter);
            } catch (ClioNotFoundException gone) {
                upserter.deleteMatter(entry.connectionId(), event.recordId());
            }
        } else if ("contact".equals(model)) {
            if (event.isDeletion()) {
                upserter.deleteContact(entry.connectionId(), event.recordId());
                return;
            }
            try {
                upserter.contact(entry.connectionId(), client.getContact(id));
            } catch (ClioNotFoundException gone) {
                upserter.deleteContact(entry.connectionId(), event.recordId());
            }
        }
    }
}
