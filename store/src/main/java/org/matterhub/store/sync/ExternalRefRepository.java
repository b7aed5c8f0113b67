package org.matterhub.store.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class ExternalRefRepository {

    /** Inserts a ref, or refreshes the one of the same connection, entity type and external id. */
    private static final String UPSERT = """
            insert into external_ref (firm_id, connection_id, system, entity_type, external_id, local_id, etag,
                                      content_hash, source_updated_at, last_seen_at, deleted_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)
            on conflict (connection_id, entity_type, external_id) do update
               set etag = excluded.etag, content_hash = excluded.content_hash,
                   source_updated_at = excluded.source_updated_at, last_seen_at = now(),
                   deleted_at = excluded.deleted_at
            """;
    private static final RowMapper<ExternalRef> ROW = (rs, i) -> new ExternalRef(
            rs.getObject("connection_id", UUID.class), rs.getString("system"), rs.getString("entity_type"),
            rs.getString("external_id"), rs.getObject("local_id", UUID.class), rs.getString("etag"),
            rs.getString("content_hash"), toInstant(rs.getTimestamp("source_updated_at")),
            toInstant(rs.getTimestamp("deleted_at")));

    private final JdbcTemplate jdbc;

    public ExternalRefRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises every writer of one vendor record until the end of the current transaction (a webhook and a
     * poll may bring the same new record at once; only one of them may create its portal row).
     */
    public void lock(UUID connectionId, String entityType, String externalId) {
        long key = ByteBuffer.wrap(sha256().digest((connectionId + "|" + entityType + "|" + externalId)
                .getBytes(StandardCharsets.UTF_8))).getLong();
        jdbc.queryForList("select pg_advisory_xact_lock(?)", key);
    }

    /** {@link #lock} for many records at once, in key order so that concurrent writers cannot deadlock. */
    public void lockAll(UUID connectionId, String entityType, java.util.Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return;
        }
        Long[] keys = externalIds.stream().map(id -> ByteBuffer.wrap(sha256().digest((connectionId + "|" + entityType + "|" + id)
                .getBytes(StandardCharsets.UTF_8))).getLong()).sorted().distinct().toArray(Long[]::new);
        jdbc.query("select pg_advisory_xact_lock(k) from unnest(?::bigint[]) as k order by k",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", keys)), rs -> null);
    }

    /** The refs of many records of one type, by external id, in one query. */
    public java.util.Map<String, ExternalRef> findAll(UUID connectionId, String entityType, java.util.Collection<String> externalIds) {
        java.util.Map<String, ExternalRef> found = new java.util.HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        String[] ids = externalIds.toArray(String[]::new);
        jdbc.query("select * from external_ref where connection_id = ? and entity_type = ? and external_id = any(?)",
                ps -> {
                    ps.setObject(1, connectionId);
                    ps.setString(2, entityType);
                    ps.setArray(3, ps.getConnection().createArrayOf("text", ids));
                }, rs -> {
                    ExternalRef r = ROW.mapRow(rs, 0);
                    found.put(r.externalId(), r);
                });
        return found;
    }

    /** {@link #upsert} for many refs in one batch. */
    public void upsertAll(java.util.List<ExternalRef> batch) {
        if (batch.isEmpty()) {
            return;
        }
        UUID firm = TenantContext.current().orElseThrow().firmId();
        jdbc.batchUpdate(UPSERT, batch, 500, (ps, ref) -> {
                    ps.setObject(1, firm);
                    ps.setObject(2, ref.connectionId());
                    ps.setString(3, ref.system());
                    ps.setString(4, ref.entityType());
                    ps.setString(5, ref.externalId());
                    ps.setObject(6, ref.localId());
                    ps.setString(7, ref.etag());
                    ps.setString(8, ref.contentHash());
                    ps.setTimestamp(9, ts(ref.sourceUpdatedAt()));
                    ps.setTimestamp(10, ts(ref.deletedAt()));
                });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ExternalRef> find(UUID connectionId, String entityType, String externalId) {
        return jdbc.query("select * from external_ref where connection_id = ? and entity_type = ? and external_id = ?",
                ROW, connectionId, entityType, externalId).stream().findFirst();
    }

    public Optional<ExternalRef> findByLocal(UUID localId, String entityType) {
        return jdbc.query("select * from external_ref where local_id = ? and entity_type = ? order by id limit 1",
                ROW, localId, entityType).stream().findFirst();
    }

    public void upsert(ExternalRef ref) {
        jdbc.update(UPSERT, TenantContext.current().orElseThrow().firmId(), ref.connectionId(), ref.system(), ref.entityType(),
                ref.externalId(), ref.localId(), ref.etag(), ref.contentHash(), ts(ref.sourceUpdatedAt()), ts(ref.deletedAt()));
    }

    public void updateEtag(UUID connectionId, String entityType, String externalId, String etag) {
        jdbc.update("update external_ref set etag = ? where connection_id = ? and entity_type = ? and external_id = ?",
                etag, connectionId, entityType, externalId);
    }

    /** External ids of live records of one type, for reconciliation. */
    public List<String> liveExternalIds(UUID connectionId, String entityType) {
        return jdbc.queryForList("select external_id from external_ref where connection_id = ? and entity_type = ? "
                + "and deleted_at is null", String.class, connectionId, entityType);
    }

    public void markDeleted(UUID connectionId, String entityType, String externalId) {
        jdbc.update("update external_ref set deleted_at = now() where connection_id = ? and entity_type = ? "
                + "and external_id = ? and deleted_at is null", connectionId, entityType, externalId);
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
