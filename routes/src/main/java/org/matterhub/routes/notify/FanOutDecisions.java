package org.matterhub.routes.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.matterhub.portal.notify.NotificationCategories;
import org.matterhub.portal.notify.NotificationCategories.Delivery;
import org.matterhub.portal.notify.NotificationCategories.Kind;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.model.NotificationRepository.Candidate;
import org.matterhub.store.model.NotificationRepository.NewNotification;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * What every fan-out decides for each person who may hear of an event: whether the event's category is one of theirs
 * (clients and firm people have different ones), whether row-level security <em>in that person's own scope</em> lets
 * them see its subject (a filter here could leak; their scope cannot), and how their choice for the category delivers
 * it (no row for {@code off}; critical events at once whatever they chose). Then the notifications and the event's
 * marker commit together, so an event is fanned out once across nodes, retries and crashes.
 */
@Component
class FanOutDecisions {

    /** What the notifications of one event say and link to. */
    record Notice(UUID matterId, String subjectType, UUID subjectId, String title, UUID actorUserId) {
    }

    private final Tenancy tenancy;
    private final NotificationRepository notifications;
    private final MailProperties mail;

    FanOutDecisions(Tenancy tenancy, NotificationRepository notifications, MailProperties mail) {
        this.tenancy = tenancy;
        this.notifications = notifications;
        this.mail = mail;
    }

    /** Runs {@code work} for each firm (each then reads and writes in its own scope); answers the sum of its counts. */
    int eachFirm(ToIntFunction<UUID> work) {
        int done = 0;
        for (UUID firm : notifications.firms()) {
            done += work.applyAsInt(firm);
        }
        return done;
    }

    /** Reads in the system's scope of one firm. */
    <T> T read(UUID firm, Supplier<T> work) {
        return tenancy.read(TenantScope.system(firm), work);
    }

    /** Writes in the system's scope of one firm, in one transaction. */
    <T> T write(UUID firm, Supplier<T> work) {
        return tenancy.write(TenantScope.system(firm), work);
    }

    /** The notifications of one event: {@code sees} runs in each candidate's own scope. */
    List<NewNotification> decide(UUID firm, Kind kind, List<Candidate> candidates, Supplier<Boolean> sees, Notice notice) {
        TenantScope system = TenantScope.system(firm);
        List<NewNotification> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!NotificationCategories.forPerson(c.client()).contains(kind.category())) {
                continue;
            }
            TenantScope theirs = c.client() ? TenantScope.client(firm, c.userId()) : TenantScope.staff(firm, c.userId());
            if (!Boolean.TRUE.equals(tenancy.read(theirs, sees))) {
                continue;
            }
            String chosen = tenancy.read(system, () -> notifications.chosenDelivery(c.userId(), kind.category()));
            Delivery delivery = NotificationCategories.deliveryOf(kind, chosen == null ? null : Delivery.valueOf(chosen));
            if (delivery == Delivery.off) {
                continue;
            }
            rows.add(new NewNotification(c.userId(), notice.matterId(), kind.name(), kind.category(), kind.tier().name(),
                    delivery.name(), notice.subjectType(), notice.subjectId(), notice.title(), notice.actorUserId()));
        }
        return rows;
    }

    /**
     * Stores the notifications with the event's marker, and, when mail is on, each immediate one's e-mail in the outbox;
     * false when another node fanned the event out first.
     */
    boolean store(UUID firm, String subjectType, UUID subjectId, List<NewNotification> rows) {
        return write(firm, () -> notifications.fanOut(subjectType, subjectId, rows, mail.enabled()));
    }
}
