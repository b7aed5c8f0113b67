package org.matterhub.store.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.secrets.SealedColumn;
import org.matterhub.store.secrets.SecretCipher;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Vendor webhook subscriptions of a connection; their signing secrets are stored encrypted. */
@Repository
public class WebhookSubscriptionRepository {

    private static final RowMapper<WebhookSubscription> ROW = (rs, i) -> new WebhookSubscription(
            rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class), rs.getString("vendor_webhook_id"),
            rs.getString("model"), rs.getString("status"), ConnectionRepository.instant(rs.getTimestamp("expires_at")));

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;

    public WebhookSubscriptionRepository(JdbcTemplate jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void upsert(UUID connectionId, String vendorWebhookId, String model, String secret, String status, Instant expiresAt) {
        jdbc.update("""
                insert into webhook_subscription (firm_id, connection_id, vendor_webhook_id, model, secret_enc, status, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (connection_id, vendor_webhook_id) do update
                   set model = excluded.model, secret_enc = coalesce(excluded.secret_enc, webhook_subscription.secret_enc),
                       status = excluded.status, expires_at = excluded.expires_at, updated_at = now()
                """, TenantContext.current().orElseThrow().firmId(), connectionId, vendorWebhookId, model,
                secret == null ? null : cipher.encrypt(secret, aad(connectionId, vendorWebhookId)), status,
                expiresAt == null ? null : Timestamp.from(expiresAt));
    }

    public List<WebhookSubscription> forConnection(UUID connectionId) {
        return jdbc.query("select * from webhook_subscription where connection_id = ? and status <> 'deleted' "
                + "order by created_at", ROW, connectionId);
    }

    public Optional<String> secret(UUID connectionId, String vendorWebhookId) {
        return jdbc.query("select secret_enc from webhook_subscription where connection_id = ? and vendor_webhook_id = ? "
                        + "and secret_enc is not null and status <> 'deleted'",
                (rs, i) -> cipher.decrypt(rs.getBytes(1), aad(connectionId, vendorWebhookId)), connectionId, vendorWebhookId)
                .stream().findFirst();
    }

    public void setStatus(UUID connectionId, String vendorWebhookId, String status) {
        jdbc.update("update webhook_subscription set status = ?, updated_at = now() where connection_id = ? "
                + "and vendor_webhook_id = ?", status, connectionId, vendorWebhookId);
    }

    public void markEnabled(UUID connectionId, String vendorWebhookId) {
        jdbc.update("update webhook_subscription set status = 'enabled', updated_at = now() where connection_id = ? "
                + "and vendor_webhook_id = ? and status = 'pending'", connectionId, vendorWebhookId);
    }

    public void setExpiry(UUID connectionId, String vendorWebhookId, Instant expiresAt) {
        jdbc.update("update webhook_subscription set expires_at = ?, updated_at = now() where connection_id = ? "
                + "and vendor_webhook_id = ?", Timestamp.from(expiresAt), connectionId, vendorWebhookId);
    }

    private static String aad(UUID connectionId, String vendorWebhookId) {
        return SealedColumn.webhookSecret(connectionId, vendorWebhookId);
    }
}
