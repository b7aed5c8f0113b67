package org.matterhub.routes.notify;

import org.matterhub.routes.engine.ScheduledJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Notifications. Clustered Quartz triggers (each fires on one node at a time) fan new messages and events out into
 * notifications every {@code matterhub.notify.fan-out-interval-ms} (default 5 s), raise the invoices' due and overdue
 * events every {@code matterhub.notify.invoice-reminder-interval-ms} (default 15 min). The immediate ones
 * are e-mailed through the outbox ({@link NotificationMailer}).
 */
@Configuration(proxyBeanMethods = false)
public class NotificationRoute {

    @Bean
    ScheduledJob notificationFanOutJob(MessageFanOut messages, EventFanOut events, NotifyProperties properties) {
        return ScheduledJob.clustered("matterhub-notify/fan-out", properties.fanOutIntervalMs(), "notify-fan-out", null,
                () -> {
                    messages.runAll();
                    events.runAll();
                });
    }

    @Bean
    ScheduledJob invoiceReminderJob(EventFanOut events, NotifyProperties properties) {
        return ScheduledJob.clustered("matterhub-notify/invoice-reminders", properties.invoiceReminderIntervalMs(),
                "notify-invoice-reminders", null, events::raiseInvoiceReminders);
    }
}
