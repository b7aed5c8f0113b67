package org.matterhub.routes.notify;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.matterhub.store.model.NotificationEventRepository;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Raises the time-based invoice events: {@code invoice.due} when an open invoice comes within
 * {@code matterhub.notify.invoice-due-notice-days} of its due date, {@code invoice.overdue} (critical) once its due
 * date has passed. "Today" and "overdue" are the portal's own (UTC dates, {@code balance > 0}, the accounting system's
 * due date), so a client is told what the invoice list shows. Each event is raised once per invoice and threshold —
 * the event's unique key, not this job, guarantees it — however often and on however many nodes this runs; an invoice
 * that fell overdue more than {@code invoice-overdue-lookback-days} ago (history a new connection brings in) is not
 * news.
 */
@Service
public class InvoiceReminders {

    private static final Logger log = LoggerFactory.getLogger(InvoiceReminders.class);

    private final Tenancy tenancy;
    private final NotificationRepository firms;
    private final NotificationEventRepository events;
    private final NotifyProperties properties;
    private final Clock clock;

    public InvoiceReminders(Tenancy tenancy, NotificationRepository firms, NotificationEventRepository events,
                            NotifyProperties properties) {
        this.tenancy = tenancy;
        this.firms = firms;
        this.events = events;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** One run over every firm; answers how many events were raised. */
    public int runAll() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int raised = 0;
        for (UUID firm : firms.firms()) {
            int n = tenancy.write(TenantScope.system(firm), () -> events.raiseInvoiceReminders(today,
                    properties.invoiceDueNoticeDays(), properties.invoiceOverdueLookbackDays()));
            if (n > 0) {
                log.info("Raised {} invoice reminders of firm {} for {}", n, firm, today);
            }
            raised += n;
        }
        return raised;
    }
}
