package org.matterhub.routes.notify;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.matterhub.portal.notify.NotificationCategories;
import org.matterhub.portal.notify.NotificationCategories.Kind;
import org.matterhub.routes.notify.FanOutDecisions.Notice;
import org.matterhub.store.model.NotificationEventRepository;
import org.matterhub.store.model.NotificationEventRepository.Audience;
import org.matterhub.store.model.NotificationEventRepository.PendingEvent;
import org.matterhub.store.model.NotificationRepository.Candidate;
import org.matterhub.store.model.NotificationRepository.NewNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Fans the events of {@code notification_event} (V27: documents published, awaiting approval or replaced; invoices
 * issued, due or overdue; matter status changes; clients' activity; and whatever the calendar and signature work
 * raises) out into notifications, as {@link MessageFanOut} does for messages. Client events go to the people of the
 * subject's client organisation, {@code client.activity} to the firm's people responsible for the matter; never to the
 * event's actor. Whether each sees the subject — the document, invoice, matter, appointment or signature request — is
 * asked of row-level security in their own scope: a finance user hears of invoices and nothing else, a member only of
 * matters granted with the matching scope, nobody of another organisation. Also raises the invoices' time-based events.
 */
@Service
public class EventFanOut {

    private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);
    /** The marker's subject type in {@code notification_fanout}, and the notifications' subject type. */
    static final String SUBJECT = "notification_event";
    private static final Set<String> FIRM_KINDS = Set.of("client.activity");

    private final NotificationEventRepository events;
    private final FanOutDecisions decisions;
    private final NotifyProperties properties;

    public EventFanOut(NotificationEventRepository events, FanOutDecisions decisions, NotifyProperties properties) {
        this.events = events;
        this.decisions = decisions;
        this.properties = properties;
    }

    /**
     * Raises the time-based invoice events (a clustered job every {@code matterhub.notify.invoice-reminder-interval-ms}):
     * {@code invoice.due} when an open invoice comes within {@code invoice-due-notice-days} of its due date,
     * {@code invoice.overdue} (critical) once that date has passed. "Today" and "overdue" are the portal's own (UTC
     * dates, a balance still owed: what the invoice list shows). Each is raised once per invoice and threshold — the
     * event's unique key, not this job, guarantees it — however often and on however many nodes this runs; an invoice
     * that fell overdue more than {@code invoice-overdue-lookback-days} ago (history a new connection brings in) is
     * not news. Answers how many events were raised.
     */
    public int raiseInvoiceReminders() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return decisions.eachFirm(firm -> decisions.write(firm, () -> events.raiseInvoiceReminders(today,
                properties.invoiceDueNoticeDays(), properties.invoiceOverdueLookbackDays())));
    }

    /** One run over every firm; answers how many events were fanned out. */
    public int runAll() {
        return decisions.eachFirm(this::run);
    }

    int run(UUID firm) {
        List<PendingEvent> pending = decisions.read(firm, () -> events.pending(properties.batch()));
        int done = 0;
        for (PendingEvent e : pending) {
            Kind kind = NotificationCategories.KINDS.stream().filter(k -> k.name().equals(e.kind())).findFirst().orElse(null);
            if (kind == null) {
                // Raised by code newer than this node's list of kinds: marked done with nobody told, said once.
                log.warn("Event {} has the unknown kind {}; nobody is notified", e.id(), e.kind());
                decisions.store(firm, SUBJECT, e.id(), List.of());
                continue;
            }
            Audience audience = FIRM_KINDS.contains(e.kind()) ? Audience.FIRM : Audience.CLIENTS;
            List<Candidate> candidates = decisions.read(firm, () -> events.candidates(e, audience));
            List<NewNotification> rows = decisions.decide(firm, kind, candidates,
                    () -> events.sees(e.subjectType(), e.subjectId()),
                    new Notice(e.matterId(), SUBJECT, e.id(), e.title(), e.actorUserId()));
            if (decisions.store(firm, SUBJECT, e.id(), rows)) {
                done++;
                log.debug("Event {} {} fanned out to {} people", e.kind(), e.id(), rows.size());
            }
        }
        if (done > 0) {
            log.info("Fanned out {} events of firm {} into notifications", done, firm);
        }
        return done;
    }
}
