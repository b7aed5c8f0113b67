package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.matterhub.portal.notify.NotificationCategories;
import org.matterhub.portal.notify.NotificationCategories.Delivery;
import org.matterhub.portal.notify.NotificationCategories.Kind;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * People with mixed notification preferences in several time zones, and events for them stored as the fan-out stores
 * them (a notification row per event whose delivery is not off, its delivery decided by {@link NotificationCategories}).
 * Knows which e-mails each person must receive, and checks a mail server's inbox against that: the immediate mails,
 * one digest per period with exactly that period's notifications (count and content), nothing else.
 */
final class DigestWorkload {

    static final List<String> ZONES = List.of("UTC", "Europe/London", "America/New_York", "America/Los_Angeles",
            "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland");
    static final List<String> KINDS = List.of("message.posted", "document.published", "invoice.issued",
            "matter.status_changed", "document.version_replaced", "document.approval_requested");
    static final List<String> CATEGORIES = List.of("messages", "documents", "invoices", "matter_status");
    /** A choice per category; null is "never chose" (immediate, or the daily digest for informational events). */
    static final Delivery[] CHOICES = {Delivery.immediate, Delivery.daily, Delivery.weekly, Delivery.off, null};
    static final Pattern TITLE = Pattern.compile("Event \\d{4}");

    record Person(UUID id, String email, String zone, Map<String, Delivery> choices) {
    }

    /** One event; {@code delivery} null when the person turned its category off (no notification row). */
    record Event(int n, Person person, Kind kind, Delivery delivery, boolean late) {
        String title() {
            return "Event %04d".formatted(n);
        }
    }

    /** What one inbox held. */
    record Totals(int immediate, int daily, int weekly, int duplicates, Set<String> duplicated) {
    }

    final List<Person> people = new ArrayList<>();
    final List<Event> events = new ArrayList<>();

    /** {@code late} of the events happen "now", after every digest's cut-off: they wait for the next period. */
    DigestWorkload(long seed, int persons, int eventCount, int late, String domain) {
        Random random = new Random(seed);
        for (int p = 0; p < persons; p++) {
            Map<String, Delivery> choices = new HashMap<>();
            for (String c : CATEGORIES) {
                choices.put(c, CHOICES[random.nextInt(CHOICES.length)]);
            }
            people.add(new Person(UUID.randomUUID(), "p%03d@%s".formatted(p, domain), ZONES.get(p % ZONES.size()), choices));
        }
        for (int e = 0; e < eventCount; e++) {
            Person person = people.get(random.nextInt(persons));
            // Critical events (approval requested) are rarer: one kind in twenty.
            Kind kind = NotificationCategories.kind(random.nextInt(20) == 0 ? KINDS.get(5) : KINDS.get(random.nextInt(5)));
            Delivery delivery = NotificationCategories.deliveryOf(kind, person.choices().get(kind.category()));
            events.add(new Event(e, person, kind, delivery == Delivery.off ? null : delivery, e >= eventCount - late));
        }
    }

    /** A digest hour at which no zone's local clock passes during {@code window} from {@code now}: cut-offs stay put. */
    static int safeHour(Instant now, Duration window) {
        Set<Integer> busy = new TreeSet<>();
        for (String zone : ZONES) {
            busy.add(now.atZone(ZoneId.of(zone)).getHour());
            busy.add(now.plus(window).atZone(ZoneId.of(zone)).getHour());
        }
        for (int h = 6; h < 30; h++) {
            if (!busy.contains(h % 24)) {
                return h % 24;
            }
        }
        throw new IllegalStateException("no free hour");
    }

    /** Stores the people and the events' notifications, in the caller's transaction (one: a digest sees all or none). */
    void insert(UUID firm, JdbcTemplate jdbc) {
        jdbc.batchUpdate("insert into portal_user (id, firm_id, email, display_name, kind, status, time_zone) "
                + "values (?, ?, ?, ?, 'client', 'active', ?)", people.stream().map(p -> new Object[] {p.id(), firm,
                p.email(), "Person " + p.email().substring(1, 4), p.zone()}).toList());
        Instant past = Instant.now().minus(Duration.ofDays(10));
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> mails = new ArrayList<>();
        for (Event e : events) {
            if (e.delivery() == null) {
                continue;
            }
            Timestamp at = e.late() ? new Timestamp(System.currentTimeMillis()) : Timestamp.from(past.plusSeconds(60L * e.n()));
            UUID id = UUID.randomUUID();
            rows.add(new Object[] {id, firm, e.person().id(), e.kind().name(), e.kind().category(), e.kind().tier().name(),
                    e.delivery().name(), UUID.randomUUID(), e.title(), at});
            if (e.delivery() == Delivery.immediate) {
                mails.add(new Object[] {firm, id, id.toString(), "notification.mail:" + id});
            }
        }
        jdbc.batchUpdate("insert into notification (id, firm_id, recipient_user_id, kind, category, tier, delivery, "
                + "subject_type, subject_id, title, created_at) values (?, ?, ?, ?, ?, ?, ?, 'event', ?, ?, ?)", rows);
        // Each immediate notification's mail queued as the fan-out queues it (NotificationRepository.fanOut).
        jdbc.batchUpdate("insert into outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, "
                + "idempotency_key) values (?, null, 'notification.mail', 'notification', ?, "
                + "jsonb_build_object('notificationId', ?::text), ?)", mails);
    }

    int rows() {
        return (int) events.stream().filter(e -> e.delivery() != null).count();
    }

    List<Event> of(Person p, Delivery delivery, boolean late) {
        return events.stream().filter(e -> e.person() == p && e.delivery() == delivery && (delivery == Delivery.immediate
                || e.late() == late)).toList();
    }

    /** Digests the workload calls for: one per person and period with notifications before the cut-off. */
    int expectedDigests() {
        int n = 0;
        for (Person p : people) {
            n += of(p, Delivery.daily, false).isEmpty() ? 0 : 1;
            n += of(p, Delivery.weekly, false).isEmpty() ? 0 : 1;
        }
        return n;
    }

    int expectedImmediate() {
        return people.stream().mapToInt(p -> of(p, Delivery.immediate, false).size()).sum();
    }

    /** Completed ticks of the scheduled job whose route is {@code route}, read from the hub's Prometheus page. */
    static long ticks(String prometheus, String route) {
        return prometheus.lines().filter(l -> l.startsWith("matterhub_job_ticks_total{") && l.contains("route=\"" + route + "\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Waits until each of {@code routes} has completed two more ticks than now: the second one started after this call,
     * so whatever was due when it was made has had a whole run of every job to go out. No fixed sleep.
     */
    static void awaitTwoMoreTicks(java.util.function.Supplier<String> prometheus, String... routes) {
        String page = prometheus.get();
        Map<String, Long> now = new LinkedHashMap<>();
        for (String route : routes) {
            now.put(route, ticks(page, route));
        }
        org.awaitility.Awaitility.await("two more ticks of " + now.keySet()).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    String later = prometheus.get();
                    return now.entrySet().stream().allMatch(e -> ticks(later, e.getKey()) >= e.getValue() + 2);
                });
    }

    /** Whether every expected mail arrived (distinct Message-IDs; extra ones are for {@link #check} to find). */
    boolean arrived(MimeMessage[] received) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> ours = new LinkedHashSet<>();
        people.forEach(p -> ours.add(p.email()));
        for (MimeMessage m : received) {
            if (ours.contains(to(m))) {
                ids.add(m.getMessageID());
            }
        }
        return ids.size() >= expectedImmediate() + expectedDigests();
    }

    /**
     * Checks every person's inbox: exactly the immediate mails of their immediate notifications, one daily and one weekly
     * digest when they have notifications of that period before the cut-off, each listing exactly those. A digest
     * received twice (same Message-ID) counts as a duplicate, and must be identical.
     */
    Totals check(MimeMessage[] received, boolean privileged) throws Exception {
        Map<String, List<MimeMessage>> byPerson = new LinkedHashMap<>();
        for (MimeMessage m : received) {
            byPerson.computeIfAbsent(to(m), k -> new ArrayList<>()).add(m);
        }
        int immediate = 0;
        int daily = 0;
        int weekly = 0;
        int duplicates = 0;
        Set<String> duplicated = new TreeSet<>();
        for (Person p : people) {
            Map<String, MimeMessage> distinct = new LinkedHashMap<>();
            for (MimeMessage m : byPerson.getOrDefault(p.email(), List.of())) {
                MimeMessage first = distinct.putIfAbsent(m.getMessageID(), m);
                if (first != null) {
                    duplicates++;
                    duplicated.add(m.getMessageID());
                    // The same mail but for the host of its links: a restarted test hub listens on another port.
                    assertThat(sameHost(text(m))).as("a mail sent again is the same mail").isEqualTo(sameHost(text(first)));
                }
            }
            List<MimeMessage> immediateMails = distinct.values().stream().filter(m -> id(m).startsWith("<n.")).toList();
            assertThat(immediateMails).as("immediate mails of %s", p.email()).hasSize(of(p, Delivery.immediate, false).size());
            immediate += immediateMails.size();
            for (Delivery period : List.of(Delivery.daily, Delivery.weekly)) {
                List<MimeMessage> digests = distinct.values().stream().filter(m -> id(m).startsWith("<d.")
                        && subject(m).startsWith("Your " + period + " summary")).toList();
                List<Event> expected = of(p, period, false);
                assertThat(digests).as("%s digests of %s (choices %s)", period, p.email(), p.choices())
                        .hasSize(expected.isEmpty() ? 0 : 1);
                if (expected.isEmpty()) {
                    continue;
                }
                MimeMessage digest = digests.get(0);
                String text = text(digest);
                assertThat(subject(digest)).endsWith(expected.size() == 1 ? ": 1 update" : ": " + expected.size() + " updates");
                if (privileged) {
                    assertThat(titles(text)).as("%s digest of %s", period, p.email())
                            .containsExactlyElementsOf(expected.stream().map(Event::title).toList());
                } else {
                    assertThat(text).as("no privileged content").doesNotContain("Event ");
                    assertThat(html(digest)).doesNotContain("Event ");
                    assertThat(text.lines().filter(l -> l.startsWith("- ")).count()).isEqualTo(expected.size());
                }
                if (period == Delivery.daily) {
                    daily++;
                } else {
                    weekly++;
                }
            }
            assertThat(distinct).as("mails of %s", p.email()).hasSize(immediateMails.size()
                    + (of(p, Delivery.daily, false).isEmpty() ? 0 : 1) + (of(p, Delivery.weekly, false).isEmpty() ? 0 : 1));
        }
        return new Totals(immediate, daily, weekly, duplicates, duplicated);
    }

    String summary() {
        Map<String, Integer> choices = new TreeMap<>();
        for (Person p : people) {
            p.choices().values().forEach(d -> choices.merge(d == null ? "unset" : d.name(), 1, Integer::sum));
        }
        Map<String, Integer> deliveries = new TreeMap<>();
        events.forEach(e -> deliveries.merge(e.delivery() == null ? "off" : e.delivery().name() + (e.late() ? " (late)" : ""),
                1, Integer::sum));
        return people.size() + " people in " + ZONES.size() + " time zones, category choices " + choices + "; "
                + events.size() + " events -> " + rows() + " notifications " + deliveries;
    }

    static String sameHost(String text) {
        return text.replaceAll("http://127\\.0\\.0\\.1:\\d+/", "http://hub/");
    }

    static List<String> titles(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = TITLE.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static String to(MimeMessage m) throws Exception {
        return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress().toLowerCase(Locale.ROOT);
    }

    static String id(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
    }

    static String html(MimeMessage m) throws Exception {
        return (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    }
}
