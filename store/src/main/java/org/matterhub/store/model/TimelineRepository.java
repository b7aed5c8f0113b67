package org.matterhub.store.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.matterhub.store.model.ConversationRepository.Position;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * One ordered timeline of a matter or a document: messages, document versions, publication, client actions and
 * status milestones, newest first. Each branch of the union is a plain query under row-level security, so a
 * client's timeline holds only what the client sees elsewhere (published versions, client-visible milestones,
 * threads of granted scopes).
 */
@Repository
public class TimelineRepository {

    /**
     * One entry.
     *
     * @param kind       {@code message}, {@code document.version}, {@code document.published}, {@code document.approve},
     *                   {@code document.request_changes}, {@code document.close} or {@code milestone.<kind>}
     * @param threadId   the message's thread
     * @param documentId the document the entry is about, if any
     * @param actor      who wrote the message (a name), if known to the reader
     * @param title      a short headline: the document's title, the milestone's title, the thread's subject
     * @param detail     the message's text or a version's number, if any
     */
    public record Entry(String kind, Instant at, UUID id, UUID threadId, UUID documentId, String actor, String title,
                        String detail) {
    }

    /**
     * The branches every timeline has; {@code %1$s} is the condition on the thread ({@code t}), {@code %2$s} the one
     * on the document ({@code d}), each comparing with the subject's id ({@code ?1}).
     */
    private static final String DOCUMENTS = """
            select 'message', m.created_at, m.id, m.thread_id, t.document_id, m.author_name, t.subject, m.body
              from message m join thread t on t.id = m.thread_id where %1$s
            union all
            select 'document.version', v.created_at, v.id, null, d.id, null, d.title, v.version_number::text
              from document_version v join document d on d.id = v.document_id where %2$s and d.deleted_at is null
            union all
            select 'document.published', d.published_at, d.id, null, d.id, null, d.title, null
              from document d where %2$s and d.published_at is not null and d.deleted_at is null
            union all
            select 'document.' || a.action, a.created_at, a.id, null, d.id, null, d.title, a.comment
              from document_action a join document d on d.id = a.document_id where %2$s and d.deleted_at is null
            """;

    private static final String MATTER = DOCUMENTS.formatted("m.matter_id = ?1", "d.matter_id = ?1") + """
            union all
            select 'milestone.' || ms.kind, ms.occurred_at, ms.id, null, null, null, ms.title, null
              from matter_milestone ms where ms.matter_id = ?1
            """;

    private static final String DOCUMENT = DOCUMENTS.formatted("t.document_id = ?1", "d.id = ?1");

    private final JdbcTemplate jdbc;

    public TimelineRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The matter's timeline before {@code before} (null: from the newest). */
    public List<Entry> matter(UUID matterId, Position before, int limit) {
        return page(MATTER, matterId, before, limit);
    }

    /** The document's timeline before {@code before} (null: from the newest). */
    public List<Entry> document(UUID documentId, Position before, int limit) {
        return page(DOCUMENT, documentId, before, limit);
    }

    private List<Entry> page(String union, UUID subject, Position before, int limit) {
        // ?1 stands for the subject in every branch; JDBC has positional parameters only, so it is bound once per use.
        int uses = union.split("\\?1", -1).length - 1;
        String sql = "select * from (" + union.replace("?1", "?") + ") e(kind, at, id, thread_id, document_id, actor, "
                + "title, detail) where e.at is not null"
                + (before == null ? "" : " and (e.at, e.id) < (?, ?)") + " order by e.at desc, e.id desc limit ?";
        Object[] args = new Object[uses + (before == null ? 1 : 3)];
        for (int i = 0; i < uses; i++) {
            args[i] = subject;
        }
        if (before != null) {
            args[uses] = Timestamp.from(before.at());
            args[uses + 1] = before.id();
        }
        args[args.length - 1] = limit;
        return jdbc.query(sql, (rs, i) -> new Entry(rs.getString(1), rs.getTimestamp(2).toInstant(),
                rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6),
                rs.getString(7), rs.getString(8)), args);
    }
}
