package org.matterhub.store.model;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Digest e-mails (V24), read and written in the system's scope of one firm. A digest is claimed with its notifications
 * in one transaction ({@link #claim}); the unique (person, period, period key) is what makes it exist once across
 * nodes. Each attempt to send it is recorded first ({@link #beginAttempt}, 'sending', committed), then it is sent under
 * a row lock ({@link #lockAttempt}) and marked sent ({@link #markSent}) in the lock's transaction.
 */
@Repository
public class NotificationDigestRepository {

    /** A person with notifications waiting for a digest of {@code period} ('daily' or 'weekly'). */
    public record Waiting(UUID userId, String timeZone, String period) {
    }

    /** A claimed digest, not yet marked sent, and whom it goes to. */
    public record Prepared(UUID id, UUID userId, String period, LocalDate periodKey, String messageId, int count,
                           Instant createdAt, String email, String displayName, String timeZone) {
    }

    /**
     * One notification of a digest, with what its line may say.
     *
     * @param title        the notification's title (privileged: names the thread)
     * @param threadTitle  the thread's subject (privileged)
     * @param messageBody  the message's text (privileged)
     */
    public record Item(UUID id, String kind, String title, UUID matterId, String matterNumber, UUID threadId,
                       String threadTitle, String messageBody, String authorName, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;

    public NotificationDigestRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** People with daily or weekly notifications not yet in a digest (revoked people hear nothing). */
    public List<Waiting> waiting() {
        return jdbc.query("""
                select distinct n.recipient_user_id, u.time_zone, n.delivery
                  from notification n join portal_user u on u.id = n.recipient_user_id
                 where n.delivery in ('daily', 'weekly') and n.emailed_at is null and n.digest_id is null
                   and n.category is not null and u.status <> 'revoked'
                 order by 1, 3""", (rs, i) -> new Waiting(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
    }

    /**
     * Claims the digest of ({@code userId}, {@code period}, {@code periodKey}) with every waiting notification of that
     * period created before {@code cutOff}, in the caller's transaction. Empty when there is nothing to claim or the
     * digest exists already (this node or another made it; notifications it did not take wait for the next period).
     */
    public Optional<UUID> claim(UUID userId, String period, LocalDate periodKey, Instant cutOff, String domain) {
        List<UUID> ids = jdbc.queryForList("""
                select id from notification
                 where recipient_user_id = ? and delivery = ? and emailed_at is null and digest_id is null
                   and category is not null and created_at < ?
                 order by created_at, id for update""", UUID.class, userId, period, Timestamp.from(cutOff));
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        UUID firm = TenantContext.current().orElseThrow().firmId();
        int inserted = jdbc.update("""
                insert into notification_digest (id, firm_id, user_id, period, period_key, cut_off, notification_count, message_id)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (user_id, period, period_key) do nothing""",
                id, firm, userId, period, Date.valueOf(periodKey), Timestamp.from(cutOff), ids.size(),
                "<d." + id + "@" + domain + ">");
        if (inserted == 0) {
            return Optional.empty();
        }
        int taken = jdbc.update("""
                update notification set digest_id = ?
                 where recipient_user_id = ? and delivery = ? and emailed_at is null and digest_id is null
                   and category is not null and created_at < ?""", id, userId, period, Timestamp.from(cutOff));
        if (taken != ids.size()) {
            throw new IllegalStateException("notifications of digest " + id + " were taken meanwhile; claim again");
        }
        return Optional.of(id);
    }

    /** Claimed digests not yet sent, oldest first: prepared ones, and those a crashed run left in 'sending'. */
    public List<UUID> unsent(int limit) {
        return jdbc.queryForList("select id from notification_digest where send_state in ('prepared', 'sending') "
                + "order by created_at, id limit ?", UUID.class, limit);
    }

    /**
     * Marks an unsent digest 'sending' under the fencing token {@code attempt}, counting the attempt, for the caller to
     * commit before it hands the mail to the server; empty if it was sent meanwhile or another node holds it. A digest
     * found in 'sending' was being sent when a node died: the mail server may hold it.
     */
    public Optional<Integer> beginAttempt(UUID digestId, UUID attempt, Instant at) {
        return jdbc.queryForList("""
                update notification_digest set send_state = 'sending', send_attempts = send_attempts + 1,
                       attempt_token = ?, attempted_at = ?
                 where id = (select id from notification_digest where id = ? and send_state in ('prepared', 'sending')
                             for update skip locked)
                returning send_attempts""", Integer.class, attempt, Timestamp.from(at), digestId).stream().findFirst();
    }

    /**
     * Locks a digest in 'sending' under the caller's own attempt until the caller's transaction ends; empty if another
     * attempt took it over meanwhile, it was sent, or another node holds it.
     */
    public Optional<Prepared> lockAttempt(UUID digestId, UUID attempt) {
        return jdbc.query("""
                select d.id, d.user_id, d.period, d.period_key, d.message_id, d.notification_count, d.created_at,
                       u.email, u.display_name, u.time_zone
                  from notification_digest d join portal_user u on u.id = d.user_id
                 where d.id = ? and d.send_state = 'sending' and d.attempt_token = ?
                 for update of d skip locked""", (rs, i) -> new Prepared(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getString(3), rs.getDate(4).toLocalDate(), rs.getString(5), rs.getInt(6),
                rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9), rs.getString(10)), digestId, attempt)
                .stream().findFirst();
    }

    /** The notifications of a digest, oldest first. */
    public List<Item> items(UUID digestId) {
        return jdbc.query("""
                select n.id, n.kind, n.title, n.matter_id, mt.display_number, msg.thread_id, t.subject, msg.body,
                       msg.author_name, n.created_at
                  from notification n
                  left join matter mt on mt.id = n.matter_id
                  left join message msg on n.subject_type = 'message' and msg.id = n.subject_id
                  left join thread t on t.id = msg.thread_id
                 where n.digest_id = ?
                 order by n.created_at, n.id""", (rs, i) -> new Item(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()), digestId);
    }

    /** Marks a digest and its notifications e-mailed. */
    public void markSent(UUID digestId, Instant at) {
        jdbc.update("update notification_digest set send_state = 'sent', sent_at = ? where id = ?", Timestamp.from(at), digestId);
        jdbc.update("update notification set emailed_at = ? where digest_id = ?", Timestamp.from(at), digestId);
    }
}
