package org.matterhub.routes.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.matterhub.connectors.mail.SenderIdentity;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.store.model.NotificationDigestRepository;
import org.matterhub.store.model.NotificationDigestRepository.Item;
import org.matterhub.store.model.NotificationDigestRepository.Prepared;
import org.matterhub.store.model.NotificationDigestRepository.Waiting;
import org.matterhub.store.model.NotificationMailRepository;
import org.matterhub.store.model.NotificationPreferenceRepository;
import org.matterhub.store.model.NotificationRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Daily and weekly digest e-mails, in each person's time zone ({@link DigestSchedule}). A run, per firm:
 * <ol>
 *   <li><b>claim</b>: for each person and period with waiting notifications whose digest is due, one committed
 *       transaction inserts the digest ('prepared', unique per person, period and period key: across nodes and
 *       retries a digest exists once) and ties to it every waiting notification of that period created before the
 *       cut-off;</li>
 *   <li><b>send</b>: each unsent digest (including those a crashed run left) is first marked 'sending' with a fencing
 *       token in its own committed transaction, then locked under that token (other nodes skip it), sent through
 *       camel-mail with the stable {@code Message-ID} {@code <d.<digest>@domain>}, and marked sent in the lock's
 *       transaction.</li>
 * </ol>
 * A crash after the mail server took a digest and before its commit leaves it 'sending': the next run sends it again,
 * whole and with the same {@code Message-ID} (SMTP gives the sender no way to ask whether the server kept a mail whose
 * "250" it never heard; receivers that deduplicate by {@code Message-ID} show it once). A digest still 'prepared' was
 * surely not handed over, and goes once. No notification is in two digests and none is lost.
 */
@Service
public class DigestMailer {

    private static final Logger log = LoggerFactory.getLogger(DigestMailer.class);

    private final Tenancy tenancy;
    private final NotificationRepository firms;
    private final NotificationDigestRepository digests;
    private final NotificationMailRepository mails;
    private final NotificationPreferenceRepository settings;
    private final ProducerTemplate producer;
    private final MailProperties mail;
    private final DigestProperties properties;
    private final PublicAddress address;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public DigestMailer(Tenancy tenancy, NotificationRepository firms, NotificationDigestRepository digests,
                        NotificationMailRepository mails, NotificationPreferenceRepository settings,
                        ProducerTemplate producer, MailProperties mail, DigestProperties properties,
                        PublicAddress address, ObjectProvider<Clock> clock) {
        this.tenancy = tenancy;
        this.firms = firms;
        this.digests = digests;
        this.mails = mails;
        this.settings = settings;
        this.producer = producer;
        this.mail = mail;
        this.properties = properties;
        this.address = address;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** One run over every firm; answers how many digests were sent. */
    public int runAll() {
        int sent = 0;
        for (UUID firm : firms.firms()) {
            TenantScope system = TenantScope.system(firm);
            int claimed = claim(system);
            if (claimed > 0) {
                log.info("Claimed {} digests of firm {}", claimed, firm);
            }
            sent += send(firm, system);
        }
        return sent;
    }

    /** Claims every digest due now, one committed transaction per digest. */
    int claim(TenantScope system) {
        Instant now = clock.instant();
        int claimed = 0;
        for (Waiting w : tenancy.read(system, digests::waiting)) {
            DigestSchedule.Due due = DigestSchedule.due(w.period(), now, DigestSchedule.zone(w.timeZone()),
                    properties.digestHour());
            try {
                Optional<UUID> id = tenancy.write(system, () -> digests.claim(w.userId(), w.period(), due.periodKey(),
                        due.cutOff(), mail.domain()));
                if (id.isPresent()) {
                    claimed++;
                }
            } catch (RuntimeException e) {
                // Rolled back whole; the next run claims it again. One person's failure holds up nobody else's digest.
                log.warn("Digest {} {} of person {} not claimed: {}", w.period(), due.periodKey(), w.userId(), e.toString());
            }
        }
        return claimed;
    }

    private int send(UUID firm, TenantScope system) {
        List<UUID> unsent = tenancy.read(system, () -> digests.unsent(properties.digestBatch()));
        if (unsent.isEmpty()) {
            return 0;
        }
        boolean privileged = tenancy.read(system, settings::firmEmailsPrivilegedContent);
        SenderIdentity sender = mail.sender(tenancy.read(system, () -> mails.firmName(firm)));
        int sent = 0;
        int failed = 0;
        for (UUID id : unsent) {
            try {
                if (sendOne(system, id, sender, privileged)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // The digest stays unsent and is tried again next run; one mail the server refuses blocks no other.
                failed++;
                log.warn("Digest {} of firm {} not sent: {}", id, firm, e.toString());
            }
        }
        if (failed > 0) {
            log.warn("{} digests of firm {} wait for the next run", failed, firm);
        }
        log.info("E-mailed {} digests of firm {}", sent, firm);
        return sent;
    }

    /**
     * Sends one digest: the attempt is recorded ('sending', committed) before the mail server sees the mail, then the
     * digest is locked under that attempt, sent and marked sent in one transaction. False if another node holds it or
     * it was sent meanwhile. A digest sent on its second or later attempt may be in the recipient's mailbox twice,
     * with the same {@code Message-ID}; it is logged as such.
     */
    private boolean sendOne(TenantScope system, UUID id, SenderIdentity sender, boolean privileged) {
        UUID attempt = UUID.randomUUID();
        Optional<Integer> number = tenancy.write(system, () -> digests.beginAttempt(id, attempt, clock.instant()));
        if (number.isEmpty()) {
            return false;
        }
        return tenancy.write(system, () -> {
            Optional<Prepared> locked = digests.lockAttempt(id, attempt);
            if (locked.isEmpty()) {
                return false;
            }
            Prepared digest = locked.get();
            if (number.get() > 1) {
                // The mail server may hold an earlier attempt: the same Message-ID, so the recipient's mail shows one.
                log.warn("Digest {} is sent again (attempt {}) after an interrupted send", digest.messageId(), number.get());
            }
            MimeMessage message = withMessageId(DigestMail.compose(digest, digests.items(id), sender, privileged, address)
                    .toMimeMessage(session), digest.messageId());
            producer.sendBody(mail.smtpUri(), message);
            digests.markSent(id, clock.instant());
            return true;
        });
    }

    /** The message with the digest's own {@code Message-ID}, kept through every {@code saveChanges()}. */
    static MimeMessage withMessageId(MimeMessage composed, String messageId) {
        try {
            MimeMessage copy = new MimeMessage(composed) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            copy.saveChanges();
            return copy;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not set the Message-ID " + messageId, e);
        }
    }
}
