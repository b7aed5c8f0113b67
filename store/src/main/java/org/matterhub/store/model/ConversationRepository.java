package org.matterhub.store.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Threads and messages of the matter conversation (V22). Every query is plain: row-level security decides which
 * threads the caller sees (a client: matters whose {@code messages} scope it holds, and a document's thread only
 * while the document is visible; staff: the matters they see), and a message is seen when its thread is. A thread
 * or message the caller may not see is therefore absent, exactly as one that does not exist.
 *
 * <p>Messages are inserted and read, never updated or deleted (a trigger refuses both).
 */
@Repository
public class ConversationRepository {

    /**
     * A thread as a reader sees it.
     *
     * @param unread messages after the reader's mark that someone else wrote
     */
    public record Thread(UUID id, UUID matterId, UUID documentId, String subject, UUID createdBy, Instant createdAt,
                         Instant lastMessageAt, long messageCount, long unread) {
    }

    /** @param attachmentsJson a JSON array of {@code {"documentId", "title"}} */
    public record Message(UUID id, UUID threadId, UUID matterId, UUID authorId, String authorKind, String authorName,
                          String body, String attachmentsJson, String origin, String originId, Instant createdAt) {
    }

    /**
     * A message to store; {@code originId} makes a delivery from Clio or e-mail post once; {@code writtenAt} is when
     * it was written where it came from (null: now).
     */
    public record NewMessage(UUID threadId, UUID authorId, String authorKind, String authorName, String body,
                             String attachmentsJson, String origin, String originId, Instant writtenAt) {

        public NewMessage(UUID threadId, UUID authorId, String authorKind, String authorName, String body,
                          String attachmentsJson, String origin, String originId) {
            this(threadId, authorId, authorKind, authorName, body, attachmentsJson, origin, originId, null);
        }

        public NewMessage {
            Objects.requireNonNull(threadId, "threadId");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(authorKind, "authorKind");
            Objects.requireNonNull(origin, "origin");
            attachmentsJson = attachmentsJson == null ? "[]" : attachmentsJson;
        }
    }

    /** A keyset position: the last item's time and id. */
    public record Position(Instant at, UUID id) {
    }

    private static final String THREAD_COLUMNS = """
            t.id, t.matter_id, t.document_id, t.subject, t.created_by, t.created_at, t.last_message_at,
            (select count(*) from message m where m.thread_id = t.id),
            (select count(*) from message m where m.thread_id = t.id and m.author_id is distinct from ?
               and m.created_at > coalesce((select r.read_at from thread_read r where r.thread_id = t.id and r.user_id = ?),
                                           '-infinity'::timestamptz))
            """;

    private static final String MESSAGE_COLUMNS =
            "id, thread_id, matter_id, author_id, author_kind, author_name, body, attachments::text, origin, origin_id, created_at";

    private final JdbcTemplate jdbc;

    public ConversationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The threads of a matter the caller sees, the most recently active first. */
    public List<Thread> threads(UUID matterId, UUID reader, int limit) {
        return jdbc.query("select " + THREAD_COLUMNS + " from thread t where t.matter_id = ? "
                + "order by t.last_message_at desc, t.id limit ?", THREAD, reader, reader, matterId, limit);
    }

    public Optional<Thread> thread(UUID threadId, UUID reader) {
        return jdbc.query("select " + THREAD_COLUMNS + " from thread t where t.id = ?", THREAD, reader, reader, threadId)
                .stream().findFirst();
    }

    /** The matter of a thread the caller sees, without counting its messages (what a post needs). */
    public Optional<UUID> threadMatter(UUID threadId) {
        return jdbc.query("select matter_id from thread where id = ?", (rs, i) -> rs.getObject(1, UUID.class), threadId)
                .stream().findFirst();
    }

    /** The conversation of a document, if one was started and the caller sees it. */
    public Optional<Thread> documentThread(UUID documentId, UUID reader) {
        return jdbc.query("select " + THREAD_COLUMNS + " from thread t where t.document_id = ?", THREAD, reader, reader,
                documentId).stream().findFirst();
    }

    /** Starts a thread; row-level security refuses one on a matter or document the caller does not see. */
    public UUID startThread(UUID matterId, UUID documentId, String subject, UUID createdBy) {
        return jdbc.queryForObject("insert into thread (firm_id, matter_id, document_id, subject, created_by) "
                + "values (?, ?, ?, ?, ?) returning id", UUID.class, firm(), matterId, documentId, subject, createdBy);
    }

    /**
     * Posts a message, or answers the one already stored under the same origin id (a repeated delivery).
     *
     * @return the stored message and whether this call stored it
     */
    public Posted post(NewMessage m) {
        List<Message> inserted = jdbc.query("insert into message (firm_id, thread_id, matter_id, author_id, author_kind, "
                        + "author_name, body, attachments, origin, origin_id, created_at) "
                        + "values (?, ?, null, ?, ?, ?, ?, ?::jsonb, ?, ?, coalesce(?, now())) "
                        + "on conflict (firm_id, origin, origin_id) where origin_id is not null do nothing returning "
                        + MESSAGE_COLUMNS, MESSAGE, firm(), m.threadId(), m.authorId(), m.authorKind(), m.authorName(),
                m.body(), m.attachmentsJson(), m.origin(), m.originId(),
                m.writtenAt() == null ? null : Timestamp.from(m.writtenAt()));
        if (!inserted.isEmpty()) {
            return new Posted(inserted.get(0), true);
        }
        // Stored before; absent when the earlier one is in a thread the caller does not see.
        return new Posted(byOrigin(m.origin(), m.originId()).orElse(null), false);
    }

    /** @param message null when an earlier delivery stored it where the caller does not see it */
    public record Posted(Message message, boolean stored) {
    }

    public Optional<Message> byOrigin(String origin, String originId) {
        return jdbc.query("select " + MESSAGE_COLUMNS + " from message where origin = ? and origin_id = ?", MESSAGE,
                origin, originId).stream().findFirst();
    }

    public Optional<Message> message(UUID messageId) {
        return jdbc.query("select " + MESSAGE_COLUMNS + " from message where id = ?", MESSAGE, messageId).stream().findFirst();
    }

    /** Messages of a thread, oldest first, after {@code after} (null: from the first). */
    public List<Message> messages(UUID threadId, Position after, int limit) {
        if (after == null) {
            return jdbc.query("select " + MESSAGE_COLUMNS + " from message where thread_id = ? order by created_at, id limit ?",
                    MESSAGE, threadId, limit);
        }
        return jdbc.query("select " + MESSAGE_COLUMNS + " from message where thread_id = ? and (created_at, id) > (?, ?) "
                + "order by created_at, id limit ?", MESSAGE, threadId, Timestamp.from(after.at()), after.id(), limit);
    }

    /** Moves the reader's mark forward to {@code upTo} (never back). */
    public void markRead(UUID threadId, UUID reader, Instant upTo) {
        jdbc.update("insert into thread_read (firm_id, thread_id, user_id, read_at) values (?, ?, ?, ?) "
                + "on conflict (thread_id, user_id) do update set read_at = greatest(thread_read.read_at, excluded.read_at)",
                firm(), threadId, reader, Timestamp.from(upTo));
    }

    /**
     * Serialises work on one thread until the caller's transaction ends (an advisory lock: the application role may
     * not lock thread rows), so two deliveries of one thread cannot both start its conversation elsewhere.
     */
    public void lockThread(UUID threadId) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended('thread:' || ?::text, 0))::text", String.class,
                threadId.toString());
    }

    /**
     * The earliest message of the thread written before {@code m} in the portal or by e-mail that has no link of
     * {@code entityType} yet (a copy elsewhere not yet confirmed), if any.
     */
    public Optional<UUID> earlierUnlinked(Message m, String entityType) {
        return jdbc.query("""
                select e.id from message e where e.thread_id = ? and e.origin in ('portal', 'email')
                   and (e.created_at, e.id) < (?, ?)
                   and not exists (select 1 from external_ref r where r.local_id = e.id and r.entity_type = ?)
                 order by e.created_at, e.id limit 1""", (rs, i) -> rs.getObject(1, UUID.class), m.threadId(),
                Timestamp.from(m.createdAt()), m.id(), entityType).stream().findFirst();
    }

    /** The connection the matter came from (its practice-management system), if it came from one. */
    public Optional<UUID> practiceConnection(UUID matterId) {
        return jdbc.query("select source_connection_id from matter where id = ? and source_connection_id is not null",
                (rs, i) -> rs.getObject(1, UUID.class), matterId).stream().findFirst();
    }

    /** Of these documents, those of the matter that the caller sees (for attachments). */
    public List<DocumentRef> documentsOfMatter(UUID matterId, List<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select id, title from document where matter_id = ? and deleted_at is null and id = any (?)",
                (rs, i) -> new DocumentRef(rs.getObject(1, UUID.class), rs.getString(2)), matterId,
                documentIds.toArray(UUID[]::new));
    }

    public record DocumentRef(UUID id, String title) {
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<Thread> THREAD = (ResultSet rs, int i) -> new Thread(rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class),
            instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getLong(8), rs.getLong(9));

    private static final RowMapper<Message> MESSAGE = ConversationRepository::message;

    private static Message message(ResultSet rs, int i) throws SQLException {
        return new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11)));
    }
}
