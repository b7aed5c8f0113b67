package org.matterhub.store.secrets;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A column holding {@link SecretCipher} envelopes, with the associated data each row's envelope is bound to. Every such
 * column is listed in {@link #ALL}, which {@link MasterKeyRotation} re-encrypts: a new sealed column is one more entry
 * here, and the code that reads and writes it takes its associated data from the same entry's function.
 *
 * @param table   the tenant table (it has {@code firm_id} and row-level security)
 * @param column  the bytea column of envelopes
 * @param keys    the columns that identify a row, in the order {@link #aad} takes their values
 * @param aad     the associated data of a row, from its key values
 */
public record SealedColumn(String table, String column, List<String> keys, Function<List<Object>, String> aad) {

    /** A connection's OAuth tokens. */
    public static String connectionTokens(UUID connectionId) {
        return "connection:" + connectionId + ":tokens";
    }

    /** The signing secret of a vendor webhook subscription. */
    public static String webhookSecret(UUID connectionId, String vendorWebhookId) {
        return "connection:" + connectionId + ":webhook:" + vendorWebhookId;
    }

    /** A firm's Tink keyset for document binaries. */
    public static String firmKeyset(UUID firmId) {
        return "firm_keyset:" + firmId;
    }

    /** A data key of the envelope that sealed blobs before Tink. */
    public static String firmDataKey(UUID firmId, UUID keyId) {
        return "firm_data_key:" + firmId + ":" + keyId;
    }

    /** Every sealed column of the store. */
    public static final List<SealedColumn> ALL = List.of(
            new SealedColumn("connection", "tokens_enc", List.of("id"), k -> connectionTokens((UUID) k.get(0))),
            new SealedColumn("webhook_subscription", "secret_enc", List.of("connection_id", "vendor_webhook_id"),
                    k -> webhookSecret((UUID) k.get(0), (String) k.get(1))),
            new SealedColumn("firm_keyset", "keyset_enc", List.of("firm_id"), k -> firmKeyset((UUID) k.get(0))),
            new SealedColumn("firm_data_key", "key_enc", List.of("firm_id", "id"),
                    k -> firmDataKey((UUID) k.get(0), (UUID) k.get(1))));

    @Override
    public String toString() {
        return table + "." + column;
    }
}
