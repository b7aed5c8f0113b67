package org.matterhub.portal.notify;

import java.util.List;
import java.util.Set;

/**
 * The categories a person chooses a delivery for, the events in each, and their tiers. Critical events are sent at
 * once whatever the person chose; standard events follow the category's choice (immediate by default);
 * informational events follow it too but default to the daily digest.
 */
public final class NotificationCategories {

    public enum Tier { critical, standard, informational }

    public enum Delivery { immediate, daily, weekly, off }

    /** An event a person can be told about. */
    public record Kind(String name, String category, Tier tier) {
    }

    public static final List<Kind> KINDS = List.of(
            new Kind("message.posted", "messages", Tier.standard),
            new Kind("document.published", "documents", Tier.standard),
            new Kind("document.approval_requested", "documents", Tier.critical),
            new Kind("document.version_replaced", "documents", Tier.informational),
            new Kind("invoice.issued", "invoices", Tier.standard),
            new Kind("invoice.due", "invoices", Tier.standard),
            new Kind("invoice.overdue", "invoices", Tier.critical),
            new Kind("matter.status_changed", "matter_status", Tier.standard),
            new Kind("matter.deadline", "matter_status", Tier.critical),
            new Kind("appointment.reminder", "appointments", Tier.standard),
            new Kind("signature.requested", "signatures", Tier.critical),
            new Kind("client.activity", "client_activity", Tier.standard));

    /** Categories by the kind of person: clients hear about their matters, firm people about their clients too. */
    public static final Set<String> CLIENT = Set.of("messages", "documents", "invoices", "matter_status", "appointments",
            "signatures");
    public static final Set<String> FIRM = Set.of("messages", "documents", "client_activity");

    private NotificationCategories() {
    }

    public static Set<String> forPerson(boolean client) {
        return client ? CLIENT : FIRM;
    }

    /** A category's delivery for someone who has not chosen: every category starts immediate. */
    public static Delivery defaultDelivery(String category) {
        return Delivery.immediate;
    }

    public static Kind kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No notification kind " + name));
    }

    /**
     * How an event of this kind reaches a person who chose {@code chosen} for its category (null: no choice).
     * Critical: immediate always. Informational without a choice: the daily digest.
     */
    public static Delivery deliveryOf(Kind kind, Delivery chosen) {
        if (kind.tier() == Tier.critical) {
            return Delivery.immediate;
        }
        if (chosen != null) {
            return chosen;
        }
        return kind.tier() == Tier.informational ? Delivery.daily : defaultDelivery(kind.category());
    }

    /** The kinds that are sent at once whatever a person chose. */
    public static List<String> critical() {
        return KINDS.stream().filter(k -> k.tier() == Tier.critical).map(Kind::name).toList();
    }
}
