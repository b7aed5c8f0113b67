package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.ChildHub;
import org.matterhub.store.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Digests survive SIGKILL. A hub (a separate JVM) sends the digests of 100 people; the mail server (GreenMail, in this
 * JVM) holds the 31st digest inside the SMTP DATA exchange, after the hub sent it and before the hub hears "250", and
 * the hub is killed there. The mail server then keeps the held mail, as a real one that accepted it would. A second
 * hub sends the rest. Every person has exactly one digest per period with exactly that period's notifications. At the
 * kill the store records exactly the held digest as 'sending'; after the restart it is the only digest sent on a second
 * attempt, and the only one the mailbox holds twice (raw), with the same {@code Message-ID}: deduplicated by
 * {@code Message-ID}, as mail programs show them, every digest is there once. SMTP has no way to ask a server whether it
 * kept a mail whose "250" the sender never heard, so that one copy is the honest floor (docs/conversation.md, Digests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigestCrashIT {

    static final String APP_PASSWORD = "digest-crash";
    static final String DOMAIN = "crash-digest.example";
    static final int HOLD_AT = 31;

    EmbeddedPostgresServer pg;
    SingleConnectionDataSource ownerSource;
    JdbcTemplate owner;
    GreenMail mail;
    Map<String, String> props;
    DigestWorkload work;
    int hour;
    final AtomicInteger digestsDelivered = new AtomicInteger();
    final AtomicReference<String> heldId = new AtomicReference<>();
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    void setUp() throws SQLException {
        pg = EmbeddedPostgresServer.obtain(null, 0);
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.ownerUser(), "");
        ownerSource = new SingleConnectionDataSource(c, true);
        owner = new JdbcTemplate(ownerSource);
        owner.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'matterhub_app') then "
                + "create role matterhub_app login password '" + APP_PASSWORD + "'; end if; end $$");
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        MessageDeliveryHandler deliver = mail.getUserManager().getMessageDeliveryHandler();
        mail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            String id = message.getMessage().getMessageID();
            if (id != null && id.startsWith("<d.") && digestsDelivered.incrementAndGet() == HOLD_AT) {
                heldId.set(id);
                held.countDown();
                try {
                    release.await(3, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return deliver.handle(message, address);
        });
        work = new DigestWorkload(41, 100, 1000, 40, DOMAIN);
        hour = DigestWorkload.safeHour(Instant.now(), Duration.ofMinutes(30));
        props = new HashMap<>(Map.of(
                "matterhub.mail.enabled", "true",
                "matterhub.mail.smtp-uri", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "matterhub.mail.from-address", "notifications@crashfirm.example",
                "matterhub.mail.domain", "portal.crashfirm.example",
                "matterhub.mail.digest-interval-ms", "300",
                "matterhub.mail.digest-hour", Integer.toString(hour),
                "matterhub.store.master-key", "q83vEjRWeJ/JsXEhIjNEVWZ3iJmqu8zd7v8AESIzRFU="));
    }

    @AfterAll
    void tearDown() {
        release.countDown();
        mail.stop();
        ownerSource.destroy();
        EmbeddedPostgresServer.release(pg);
    }

    ChildHub hub(String name) {
        return new ChildHub(pg.jdbcUrl(), pg.ownerUser(), APP_PASSWORD, props, ChildHub.logFile(name).toPath());
    }

    @Test
    void killedMidDigestEveryPersonGetsOneDigestPerPeriod() throws Exception {
        UUID firm = UUID.randomUUID();
        long[] atKill = new long[3];
        String[] inFlight = new String[1];
        try (ChildHub first = hub("digest-crash-1").start()) {
            owner.update("insert into firm (id, name, slug) values (?, 'Digest Crash Firm', 'digest-crash-firm')", firm);
            new TransactionTemplate(new DataSourceTransactionManager(ownerSource))
                    .executeWithoutResult(tx -> work.insert(firm, owner));
            assertThat(held.await(3, TimeUnit.MINUTES)).as("the mail server holds digest %d", HOLD_AT).isTrue();
            atKill[0] = owner.queryForObject("select count(*) from notification_digest where send_state = 'sent' and firm_id = ?", Long.class, firm);
            atKill[1] = owner.queryForObject("select count(*) from notification_digest where send_state = 'prepared' and firm_id = ?", Long.class, firm);
            atKill[2] = owner.queryForObject("select count(*) from notification_digest where send_state = 'sending' and firm_id = ?", Long.class, firm);
            inFlight[0] = owner.queryForList("select message_id from notification_digest where send_state = 'sending' and firm_id = ?",
                    String.class, firm).stream().findFirst().orElse(null);
            first.kill();
        }
        // The mail server had the whole held mail: it keeps it although the hub never heard its "250".
        release.countDown();
        assertThat(atKill[0]).as("digests marked sent at the kill").isEqualTo(HOLD_AT - 1);
        assertThat(atKill[1]).as("digests claimed, not sent, at the kill").isPositive();
        assertThat(atKill[2]).as("digests recorded as being sent at the kill: the one the mail server holds").isEqualTo(1);
        assertThat(inFlight[0]).isEqualTo(heldId.get());

        long started = System.nanoTime();
        try (ChildHub second = hub("digest-crash-2").start()) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> work.arrived(mail.getReceivedMessages()) && owner.queryForObject(
                            "select count(*) from notification_digest where send_state <> 'sent' and firm_id = ?", Long.class, firm) == 0);
            // Two more whole runs of the digest job and of the outbox drain that sends the immediate mails (counted,
            // not guessed): nothing else may arrive.
            DigestWorkload.awaitTwoMoreTicks(() -> second.management("/actuator/prometheus").body(), "notify-digest",
                    "engine-outbox-drain");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        DigestWorkload.Totals totals = work.check(mail.getReceivedMessages(), false);
        assertThat(totals.daily() + totals.weekly()).isEqualTo(work.expectedDigests());
        long digestReceipts = Arrays.stream(mail.getReceivedMessages()).filter(m -> DigestWorkload.id(m).startsWith("<d."))
                .count();
        assertThat(digestReceipts).as("raw: every digest once, the one in flight at the kill twice")
                .isEqualTo(work.expectedDigests() + 1);
        assertThat(Arrays.stream(mail.getReceivedMessages()).map(DigestWorkload::id).filter(id -> id.startsWith("<d."))
                .distinct().count()).as("deduplicated by Message-ID, as mail programs show them: every digest once")
                .isEqualTo(work.expectedDigests());
        // The store names the one digest that may be in a mailbox twice: the only one sent on a second attempt.
        assertThat(owner.queryForList("select message_id from notification_digest where send_attempts > 1 and firm_id = ?",
                String.class, firm)).containsExactly(heldId.get());
        assertThat(owner.queryForObject("select count(*) from notification_digest where send_attempts <> 1 and firm_id = ?",
                Long.class, firm)).isEqualTo(1);
        assertThat(totals.duplicated()).as("the duplicates: the held digest, and immediate mails in flight at the kill")
                .contains(heldId.get())
                .allMatch(id -> id.equals(heldId.get()) || id.startsWith("<n."));
        assertThat(owner.queryForObject("select count(*) from notification_digest where message_id = ? and send_state = 'sent'",
                Long.class, heldId.get())).isEqualTo(1);
        assertThat(owner.queryForObject("select count(*) from notification where digest_id is not null and emailed_at is null "
                + "and firm_id = ?", Long.class, firm)).isZero();
        LoggerFactory.getLogger(DigestCrashIT.class).info(String.format("DigestCrashIT: %s; hour %d; killed holding digest %d (%s) with %d sent and %d prepared; "
                        + "after restart %d digests (%d daily, %d weekly) and %d immediate mails in %d ms; "
                        + "received twice: digest %s, and %d immediate mails (their mailer's batch in flight)",
                work.summary(), hour, HOLD_AT, heldId.get(), atKill[0], atKill[1], totals.daily() + totals.weekly(),
                totals.daily(), totals.weekly(), totals.immediate(), millis,
                totals.duplicated().stream().filter(id -> id.startsWith("<d.")).toList(),
                totals.duplicated().stream().filter(id -> id.startsWith("<n.")).count()));
    }
}
