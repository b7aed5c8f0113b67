package org.matterhub.store.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Notifications waiting to be e-mailed, read and marked in the system's scope of one firm. */
@Repository
public class NotificationMailRepository {

    /**
     * One notification to e-mail, with what its mail may say.
     *
     * @param threadId     the thread of a message notification
     * @param threadTitle  the thread's subject (privileged: shown only if the firm allows)
     * @param messageBody  the message's text (privileged: shown only if the firm allows)
     */
    public record Pending(UUID id, String kind, String category, UUID recipientId, String email, String displayName,
                          UUID matterId, String matterNumber, UUID threadId, String threadTitle, String messageBody,
                          String authorName, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    public NotificationMailRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks one notification for its e-mail (another node's worker waits on it until the caller's transaction ends);
     * empty when it was e-mailed already, is not an immediate one, or its recipient has been revoked since.
     */
    public Optional<Pending> lockForMail(UUID notificationId) {
        return jdbc.query("""
                select n.id, n.kind, n.category, n.recipient_user_id, u.email, u.display_name, n.matter_id,
                       mt.display_number, msg.thread_id, t.subject, msg.body, msg.author_name, n.created_at
                  from notification n
                  join portal_user u on u.id = n.recipient_user_id
                  left join matter mt on mt.id = n.matter_id
                  left join message msg on n.subject_type = 'message' and msg.id = n.subject_id
                  left join thread t on t.id = msg.thread_id
                 where n.id = ? and n.delivery = 'immediate' and n.emailed_at is null and n.category is not null
                   and u.status <> 'revoked'
                   for update of n""", (rs, i) -> new Pending(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                rs.getObject(7, UUID.class), rs.getString(8), rs.getObject(9, UUID.class), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getTimestamp(13).toInstant()), notificationId).stream().findFirst();
    }

    public void markEmailed(UUID notificationId, Instant at) {
        jdbc.update("update notification set emailed_at = ? where id = ?", Timestamp.from(at), notificationId);
    }

    public String firmName(UUID firmId) {
        return jdbc.queryForObject("select name from firm where id = ?", String.class, firmId);
    }
}
