package org.matterhub.store.model;

import java.time.Instant;
import java.util.UUID;

public record WebhookSubscription(UUID id, UUID connectionId, String vendorWebhookId, String model, String status,
                                  Instant expiresAt) {
}
