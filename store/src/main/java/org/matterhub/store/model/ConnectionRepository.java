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

@Repository
public class ConnectionRepository {

    private static final RowMapper<ConnectionRecord> ROW = (rs, i) -> new ConnectionRecord(
            rs.getObject("id", UUID.class), rs.getObject("firm_id", UUID.class), rs.getString("vendor"),
            rs.getString("display_name"), rs.getString("status"), rs.getString("base_url"),
            rs.getBoolean("webhooks_enabled"), instant(rs.getTimestamp("last_poll_at")),
            instant(rs.getTimestamp("last_success_at")), rs.getString("last_error"),
            instant(rs.getTimestamp("last_error_at")), rs.getLong("error_count"),
            (Integer) rs.getObject("rate_limit_limit"), (Integer) rs.getObject("rate_limit_remaining"),
            instant(rs.getTimestamp("rate_limit_reset_at")));

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;

    public ConnectionRepository(JdbcTemplate jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public UUID create(String vendor, String displayName, String baseUrl) {
        return jdbc.queryForObject("insert into connection (firm_id, vendor, display_name, base_url) values (?, ?, ?, ?) "
                + "returning id", UUID.class, TenantContext.current().orElseThrow().firmId(), vendor, displayName, baseUrl);
    }

    public Optional<ConnectionRecord> find(UUID id) {
        return jdbc.query("select * from connection where id = ?", ROW, id).stream().findFirst();
    }

    public Optional<ConnectionRecord> findByVendor(String vendor) {
        return jdbc.query("select * from connection where vendor = ? order by created_at limit 1", ROW, vendor)
                .stream().findFirst();
    }

    public List<ConnectionRecord> list() {
        return jdbc.query("select * from connection order by vendor, display_name", ROW);
    }

    /** The connection's settings (JSON object; {@code {}} when none were given). */
    public Optional<String> settings(UUID id) {
        return jdbc.queryForList("select settings::text from connection where id = ?", String.class, id).stream().findFirst();
    }

    public void setSettings(UUID id, String settingsJson) {
        jdbc.update("update connection set settings = ?::jsonb, updated_at = now() where id = ?", settingsJson, id);
    }

    public void setStatus(UUID id, String status) {
        jdbc.update("update connection set status = ?, updated_at = now() where id = ?", status, id);
    }

    public void setWebhooksEnabled(UUID id, boolean enabled) {
        jdbc.update("update connection set webhooks_enabled = ?, updated_at = now() where id = ?", enabled, id);
    }

    /**
     * A pending authorization's state: the nonce sent as the OAuth {@code state}, the hash of the initiator's cookie,
     * when it expires and the PKCE code verifier (stored wrapped by the master key). Replaces any earlier state.
     */
    public void setOAuthState(UUID id, String nonce, String bindingHash, Instant expiresAt, String codeVerifier) {
        jdbc.update("update connection set oauth_state = ?, oauth_state_binding = ?, oauth_state_expires_at = ?, "
                        + "oauth_code_verifier_enc = ?, updated_at = now() where id = ?", nonce, bindingHash,
                Timestamp.from(expiresAt), codeVerifier == null ? null : cipher.encrypt(codeVerifier, pkceAad(id)), id);
    }

    /** A consumed authorization state: whose it was, the initiator's cookie hash, its expiry and PKCE verifier. */
    public record PendingAuthorization(UUID connectionId, String bindingHash, Instant expiresAt, String codeVerifier) {

        @Override
        public String toString() {
            return "PendingAuthorization[" + connectionId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Finds the connection waiting for an authorization callback with this state nonce and consumes the state (all of
     * it: a second callback with the same state finds nothing, whatever the first one's outcome).
     */
    public Optional<PendingAuthorization> consumeOAuthState(String nonce) {
        return jdbc.query("""
                        with pending as (select id, oauth_state_binding, oauth_state_expires_at, oauth_code_verifier_enc
                                           from connection where oauth_state = ? for update)
                        update connection c set oauth_state = null, oauth_state_binding = null,
                               oauth_state_expires_at = null, oauth_code_verifier_enc = null
                          from pending p where c.id = p.id
                        returning p.id, p.oauth_state_binding, p.oauth_state_expires_at, p.oauth_code_verifier_enc""",
                (rs, i) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    byte[] verifier = rs.getBytes(4);
                    return new PendingAuthorization(id, rs.getString(2), instant(rs.getTimestamp(3)),
                            verifier == null ? null : cipher.decrypt(verifier, pkceAad(id)));
                }, nonce).stream().findFirst();
    }

    /** The vendor's id of the account the connection was first authorised for, if recorded. */
    public Optional<String> vendorAccount(UUID id) {
        return jdbc.queryForList("select vendor_account from connection where id = ? and vendor_account is not null",
                String.class, id).stream().findFirst();
    }

    /** Records the account on first authorisation; refuses to replace a different one (returns false). */
    public boolean recordVendorAccount(UUID id, String account) {
        return jdbc.update("update connection set vendor_account = ?, updated_at = now() where id = ? "
                + "and (vendor_account is null or vendor_account = ?)", account, id, account) == 1;
    }

    /** Stores tokens encrypted, bound to this connection. */
    public void saveTokens(UUID id, String tokensJson) {
        jdbc.update("update connection set tokens_enc = ?, updated_at = now() where id = ?",
                cipher.encrypt(tokensJson, aad(id)), id);
    }

    public Optional<String> loadTokens(UUID id) {
        return jdbc.query("select tokens_enc from connection where id = ? and tokens_enc is not null",
                (rs, i) -> cipher.decrypt(rs.getBytes(1), aad(id)), id).stream().findFirst();
    }

    public void recordPoll(UUID id, boolean success, String error) {
        if (success) {
            jdbc.update("update connection set last_poll_at = now(), last_success_at = now() where id = ?", id);
        } else {
            jdbc.update("update connection set last_poll_at = now(), last_error = ?, last_error_at = now(), "
                    + "error_count = error_count + 1 where id = ?", error, id);
        }
    }

    public void recordError(UUID id, String error) {
        jdbc.update("update connection set last_error = ?, last_error_at = now(), error_count = error_count + 1 "
                + "where id = ?", error, id);
    }

    public void recordRateLimit(UUID id, int limit, int remaining, Instant resetAt) {
        jdbc.update("update connection set rate_limit_limit = ?, rate_limit_remaining = ?, rate_limit_reset_at = ? "
                + "where id = ?", limit, remaining, resetAt == null ? null : Timestamp.from(resetAt), id);
    }

    private static String pkceAad(UUID id) {
        return "connection:" + id + ":pkce";
    }

    private static String aad(UUID id) {
        return SealedColumn.connectionTokens(id);
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
