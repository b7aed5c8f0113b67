package org.matterhub.store.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.model.NotificationRepository.Candidate;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Events people hear about besides new messages ({@code notification_event}, V27). Most are raised by the database in
 * the transaction of the change that caused them (a version published, an invoice issued, a matter's status changed,
 * a client's action or upload); {@link #raise} is the one way for other code to raise one, in the system's scope of
 * its firm, and {@link #raiseInvoiceReminders} raises the time-based invoice events.
 */
@Repository
public class NotificationEventRepository {

    /** Who an event is for: the client people of its subject's organisation, or the firm's people on its matter. */
    public enum Audience { CLIENTS, FIRM }

    /**
     * An event to raise.
     *
     * @param subjectType {@code document}, {@code invoice}, {@code matter}, {@code appointment} or
     *                    {@code signature_request}: what the notification links to, and what row-level security asks
     *                    each candidate whether they see
     * @param occurrence  what makes the event one of a kind for its subject; raising the same occurrence twice is a no-op
     * @param title       what happened, naming it (privileged: e-mailed only when the firm allows)
     */
    public record NewEvent(String kind, String subjectType, UUID subjectId, String occurrence, UUID matterId,
                           UUID actorUserId, String title) {
    }

    /** A raised event not yet fanned out. */
    public record PendingEvent(UUID id, String kind, String subjectType, UUID subjectId, UUID matterId, UUID actorUserId,
                               String title) {
    }

    /** What a notification's e-mail says about its event. */
    public record EventText(String kind, String subjectType, UUID subjectId, UUID matterId, String title) {
    }

    /** The table row-level security asks about, per subject type (a fixed list: nothing from input reaches SQL). */
    private static final Map<String, String> SUBJECT_TABLES = Map.of("document", "document", "invoice", "invoice",
            "matter", "matter", "appointment", "appointment", "signature_request", "signature_request");

    private final JdbcTemplate jdbc;

    public NotificationEventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Raises an event in the caller's transaction (the system's scope of one firm): the hook the calendar and
     * signature capabilities call ({@code appointment.reminder}, {@code signature.requested}). False when this
     * occurrence was raised before.
     */
    public boolean raise(NewEvent e) {
        UUID firm = TenantContext.current().orElseThrow().firmId();
        return jdbc.update("""
                insert into notification_event (firm_id, kind, subject_type, subject_id, occurrence, matter_id, actor_user_id, title)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", firm, e.kind(), e.subjectType(), e.subjectId(),
                e.occurrence(), e.matterId(), e.actorUserId(), e.title()) == 1;
    }

    /**
     * Raises {@code invoice.due} for open invoices falling due within {@code noticeDays} of {@code today}, and
     * {@code invoice.overdue} for those whose due date passed (before {@code today}) at most {@code lookbackDays} ago:
     * each once per invoice and threshold, however often this runs. Answers how many events were raised.
     */
    public int raiseInvoiceReminders(LocalDate today, int noticeDays, int lookbackDays) {
        UUID firm = TenantContext.current().orElseThrow().firmId();
        String owing = "from invoice i where i.status in ('open', 'partially_paid') and i.balance_minor > 0 and i.due_on is not null ";
        int due = jdbc.update("insert into notification_event (firm_id, kind, subject_type, subject_id, occurrence, matter_id, title) "
                + "select ?, 'invoice.due', 'invoice', i.id, '', i.matter_id, 'Invoice ' || coalesce(i.number, '') || ' is due on ' || i.due_on "
                + owing + "and i.due_on between ?::date and ?::date + ?::int on conflict do nothing", firm, today, today, noticeDays);
        int overdue = jdbc.update("insert into notification_event (firm_id, kind, subject_type, subject_id, occurrence, matter_id, title) "
                + "select ?, 'invoice.overdue', 'invoice', i.id, '', i.matter_id, 'Invoice ' || coalesce(i.number, '') || ' is overdue' "
                + owing + "and i.due_on < ?::date and i.due_on >= ?::date - ?::int on conflict do nothing", firm, today, today, lookbackDays);
        return due + overdue;
    }

    /** Events of the last week not yet fanned out, oldest first. */
    public List<PendingEvent> pending(int limit) {
        return jdbc.query("""
                select e.id, e.kind, e.subject_type, e.subject_id, e.matter_id, e.actor_user_id, e.title
                  from notification_event e
                 where e.created_at > now() - interval '7 days'
                   and not exists (select 1 from notification_fanout f where f.subject_type = 'notification_event' and f.subject_id = e.id)
                 order by e.created_at, e.id limit ?""", (rs, i) -> new PendingEvent(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                rs.getObject(6, UUID.class), rs.getString(7)), limit);
    }

    /**
     * Who may hear of an event, never its actor. Clients: the people of the subject's client organisation (the
     * invoice's, else the matter's). Firm: the firm's people responsible for the matter. Whether each sees the subject
     * is for row-level security in their own scope to say ({@link #sees}), not for this list.
     */
    public List<Candidate> candidates(PendingEvent e, Audience audience) {
        if (audience == Audience.FIRM) {
            return jdbc.query("""
                    select u.id, false from portal_user u join matter mt on lower(mt.responsible_attorney_email) = lower(u.email)
                     where mt.id = ? and u.kind = 'firm' and u.status <> 'revoked' and u.firm_role in ('staff', 'partner', 'firm_admin')
                       and u.id is distinct from ? order by u.id""", (rs, i) -> new Candidate(rs.getObject(1, UUID.class),
                    rs.getBoolean(2)), e.matterId(), e.actorUserId());
        }
        return jdbc.query("""
                select distinct u.id, true from portal_user u join membership ms on ms.user_id = u.id and ms.revoked_at is null
                 where u.kind = 'client' and u.status <> 'revoked' and u.id is distinct from ?
                   and ms.client_org_id = coalesce((select i.client_org_id from invoice i where i.id = ?),
                                                   (select mt.client_org_id from matter mt where mt.id = ?))
                 order by u.id""", (rs, i) -> new Candidate(rs.getObject(1, UUID.class), rs.getBoolean(2)),
                e.actorUserId(), e.subjectId(), e.matterId());
    }

    /** Whether the caller's scope sees the event's subject: the row-level security of its table decides. */
    public boolean sees(String subjectType, UUID subjectId) {
        String table = SUBJECT_TABLES.get(subjectType);
        if (table == null) {
            throw new IllegalArgumentException("No notification subject type " + subjectType);
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from " + table + " where id = ?)",
                Boolean.class, subjectId));
    }

    /** The event a notification tells of, when it tells of one (not a message). */
    public Optional<EventText> forNotification(UUID notificationId) {
        return jdbc.query("""
                select e.kind, e.subject_type, e.subject_id, e.matter_id, e.title
                  from notification n join notification_event e on n.subject_type = 'notification_event' and e.id = n.subject_id
                 where n.id = ?""", (rs, i) -> new EventText(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5)), notificationId).stream().findFirst();
    }
}
