package org.matterhub.store.model;

import java.util.List;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Notifications fanned out from events (V23), read and written in the system's scope of one firm. Which events still
 * wait is decided by {@code notification_fanout}: an event's marker and its notification rows commit together.
 */
@Repository
public class NotificationRepository {

    /**
     * Outbox kind of an immediate notification's e-mail (aggregate: the notification; payload {@code notificationId}):
     * queued with the notification, so the outbox sends it once, retries it and parks it as a dead letter for ops.
     */
    public static final String MAIL = "notification.mail";

    /** A message not yet fanned out. */
    public record PendingMessage(UUID id, UUID threadId, UUID matterId, UUID authorId, String authorKind, String subject) {
    }

    /** Someone who may hear of an event, if their own visibility and choices allow. */
    public record Candidate(UUID userId, boolean client) {
    }

    /** One notification to store. */
    public record NewNotification(UUID recipientUserId, UUID matterId, String kind, String category, String tier,
                                  String delivery, String subjectType, UUID subjectId, String title, UUID actorUserId) {
    }

    private final JdbcTemplate jdbc;

    public NotificationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The firms to visit (ids only; each is then read in its own scope). */
    public List<UUID> firms() {
        return jdbc.queryForList("select mh_firm_ids()", UUID.class);
    }

    /** Messages of the last week without a fan-out marker, oldest first. */
    public List<PendingMessage> pendingMessages(int limit) {
        return jdbc.query("""
                select m.id, m.thread_id, m.matter_id, m.author_id, m.author_kind, t.subject
                  from message m join thread t on t.id = m.thread_id
                 where m.created_at > now() - interval '7 days'
                   and not exists (select 1 from notification_fanout f where f.subject_type = 'message' and f.subject_id = m.id)
                 order by m.created_at, m.id limit ?""", (rs, i) -> new PendingMessage(rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5),
                rs.getString(6)), limit);
    }

    /**
     * Who may hear of a message in a thread of this matter: the people of the matter's client org, the matter's
     * responsible attorney, and firm people who wrote in the thread; never the author. Whether each may see the
     * thread is for row-level security in their own scope to say, not for this list.
     */
    public List<Candidate> candidates(UUID matterId, UUID threadId, UUID authorId) {
        return jdbc.query("""
                select u.id, u.kind = 'client' from portal_user u
                 where u.status <> 'revoked' and u.id is distinct from ?
                   and ((u.kind = 'client' and exists (select 1 from membership ms join matter mt on mt.client_org_id = ms.client_org_id
                                                        where ms.user_id = u.id and ms.revoked_at is null and mt.id = ?))
                     or (u.kind = 'firm' and u.firm_role in ('staff', 'partner', 'firm_admin')
                         and (exists (select 1 from matter mt where mt.id = ? and lower(mt.responsible_attorney_email) = lower(u.email))
                              or exists (select 1 from message m where m.thread_id = ? and m.author_id = u.id))))
                 order by u.id""", (rs, i) -> new Candidate(rs.getObject(1, UUID.class), rs.getBoolean(2)),
                authorId, matterId, matterId, threadId);
    }

    /** The person's chosen delivery for a category, or null for none. */
    public String chosenDelivery(UUID userId, String category) {
        return jdbc.query("select delivery from notification_preference where user_id = ? and category = ?",
                (rs, i) -> rs.getString(1), userId, category).stream().findFirst().orElse(null);
    }

    /**
     * Stores an event's notifications and its marker in the caller's transaction, and with {@code mail} the e-mail of
     * each immediate one in the outbox ({@link #MAIL}); false when another node fanned the event out first (its marker
     * exists), in which case nothing is stored.
     */
    public boolean fanOut(String subjectType, UUID subjectId, List<NewNotification> notifications, boolean mail) {
        UUID firm = TenantContext.current().orElseThrow().firmId();
        int marked = jdbc.update("insert into notification_fanout (firm_id, subject_type, subject_id, recipients) "
                + "values (?, ?, ?, ?) on conflict do nothing", firm, subjectType, subjectId, notifications.size());
        if (marked == 0) {
            return false;
        }
        for (NewNotification n : notifications) {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into notification (id, firm_id, recipient_user_id, matter_id, kind, category, tier, delivery, "
                    + "subject_type, subject_id, title, actor_user_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, firm, n.recipientUserId(), n.matterId(), n.kind(), n.category(), n.tier(), n.delivery(),
                    n.subjectType(), n.subjectId(), n.title(), n.actorUserId());
            if (mail && "immediate".equals(n.delivery())) {
                jdbc.update("""
                        insert into outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, idempotency_key)
                        values (?, null, ?, 'notification', ?, jsonb_build_object('notificationId', ?::text), ?)""",
                        firm, MAIL, id, id.toString(), MAIL + ":" + id);
            }
        }
        return true;
    }
}
