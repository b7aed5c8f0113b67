package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.notify.NotificationCategories.Delivery;
import org.matterhub.routes.notify.DigestSchedule;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Digest e-mails against a real mail server: 100 people with mixed preferences (immediate, daily, weekly, off, never
 * chosen) in seven time zones, 1,000 events. Each person's inbox holds exactly the mails their preferences call for:
 * one mail per immediate notification, one daily and one weekly digest listing exactly that period's notifications
 * (titles, as the firm allows privileged content here), and nothing else; events after the cut-off wait.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigestIT {

    static final String DOMAIN = "digest.example";

    TestHub hub;
    GreenMail mail;
    DigestWorkload work;
    int hour;

    @BeforeAll
    void start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        work = new DigestWorkload(14, 100, 1000, 40, DOMAIN);
        hour = DigestWorkload.safeHour(Instant.now(), Duration.ofMinutes(20));
        hub = TestHub.start(Map.of("matterhub.mail.enabled", "true",
                "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "matterhub.mail.from-address", "notifications@harbourlaw.example",
                "matterhub.mail.domain", "portal.harbourlaw.example",
                "matterhub.mail.digest-interval-ms", "500",
                "matterhub.mail.digest-hour", Integer.toString(hour)));
    }

    @AfterAll
    void stop() {
        hub.close();
        mail.stop();
    }

    @Test
    void everyPersonReceivesExactlyTheMailsTheirPreferencesCallFor() throws Exception {
        String admin = hub.token("jwhitaker@harbourlaw.example");
        var on = hub.call("PUT", "/api/v1/admin/firm/settings", admin,
                "{\"showTimeEntries\":true,\"emailPrivilegedContent\":true}", "application/json");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        UUID firm = hub.firmId();
        Tenancy tenancy = hub.bean(Tenancy.class);
        long started = System.nanoTime();
        tenancy.writeVoid(TenantScope.system(firm), () -> work.insert(firm, hub.jdbc()));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> work.arrived(mail.getReceivedMessages()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Two more whole runs of the digest job and of the outbox drain (counted, not guessed): nothing else may arrive.
        DigestWorkload.awaitTwoMoreTicks(() -> hub.management("/actuator/prometheus").body(), "notify-digest", "engine-outbox-drain");

        DigestWorkload.Totals totals = work.check(mail.getReceivedMessages(), true);
        assertThat(totals.duplicates()).isZero();
        assertThat(totals.daily() + totals.weekly()).isEqualTo(work.expectedDigests());
        assertThat(totals.immediate()).isEqualTo(work.expectedImmediate());

        for (DigestWorkload.Person p : work.people) {
            for (Map<String, Object> d : hub.query("select period, period_key, cut_off, created_at, send_state, notification_count, "
                    + "message_id, id from notification_digest where user_id = ?", p.id())) {
                assertThat(d.get("send_state")).isEqualTo("sent");
                assertThat(d.get("message_id")).isEqualTo("<d." + d.get("id") + "@portal.harbourlaw.example>");
                var due = DigestSchedule.due((String) d.get("period"), ((Timestamp) d.get("created_at")).toInstant(),
                        DigestSchedule.zone(p.zone()), hour);
                assertThat(((java.sql.Date) d.get("period_key")).toLocalDate()).as("period key in %s", p.zone())
                        .isEqualTo(due.periodKey());
                assertThat(((Timestamp) d.get("cut_off")).toInstant()).isEqualTo(due.cutOff());
                assertThat(((Number) d.get("notification_count")).intValue()).isEqualTo(
                        work.of(p, Delivery.valueOf((String) d.get("period")), false).size());
            }
        }
        long waiting = hub.count("select count(*) from notification n join portal_user u on u.id = n.recipient_user_id "
                + "where u.email like ? and n.digest_id is null and n.emailed_at is null", "%@" + DOMAIN);
        long late = work.events.stream().filter(e -> e.late() && e.delivery() != null
                && e.delivery() != Delivery.immediate).count();
        assertThat(waiting).as("events after the cut-off wait for the next digest").isEqualTo(late);
        LoggerFactory.getLogger(DigestIT.class).info(String.format("DigestIT: %s; hour %d; %d immediate e-mails and %d digests (%d daily, %d weekly) delivered "
                        + "in %d ms after the events committed; %d notifications waiting for the next period",
                work.summary(), hour, totals.immediate(), totals.daily() + totals.weekly(), totals.daily(),
                totals.weekly(), millis, waiting));
    }
}
