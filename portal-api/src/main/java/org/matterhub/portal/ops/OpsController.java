package org.matterhub.portal.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.FieldConflictRepository;
import org.matterhub.store.model.WebhookSubscriptionRepository;
import org.matterhub.store.sync.DeadLetter;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Health of every connection of the firm, dead letters and their replay, and the levers ops pull. */
@RestController
@RequestMapping("/ops/v1")
public class OpsController {

    private static final String[] OPS = {"ops", "firm_admin"};

    /** One connection as ops see it. */
    public record ConnectionHealth(UUID id, String vendor, String displayName, String status, Long secondsSinceLastSuccess,
                                   Long lagSeconds, long errorCount, String lastError, Instant lastErrorAt,
                                   RateLimit rateLimit, long outboxDepth, long inboxDepth, long openDeadLetters,
                                   List<Webhook> webhooks) {
    }

    public record RateLimit(Integer limit, Integer remaining, Instant resetAt, Double headroom) {
    }

    public record Webhook(String vendorWebhookId, String model, String status, Instant expiresAt, Long secondsToExpiry) {
    }

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final WebhookSubscriptionRepository webhooks;
    private final OutboxRepository outbox;
    private final InboxRepository inbox;
    private final DeadLetterRepository deadLetters;
    private final FieldConflictRepository conflicts;
    private final SyncControl control;
    private final AuditLog audit;

    public OpsController(Tenancy tenancy, ConnectionRepository connections, WebhookSubscriptionRepository webhooks,
                         OutboxRepository outbox, InboxRepository inbox, DeadLetterRepository deadLetters,
                         FieldConflictRepository conflicts, SyncControl control, AuditLog audit) {
        this.tenancy = tenancy;
        this.connections = connections;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.conflicts = conflicts;
        this.control = control;
        this.audit = audit;
    }

    @GetMapping("/connections")
    public List<ConnectionHealth> connections(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        Instant now = Instant.now();
        return tenancy.read(p.scope(), () -> connections.list().stream().map(c -> health(c, now)).toList());
    }

    private ConnectionHealth health(ConnectionRecord c, Instant now) {
        Long sinceSuccess = c.lastSuccessAt() == null ? null : Duration.between(c.lastSuccessAt(), now).toSeconds();
        Long lag = c.lastPollAt() == null ? null : Duration.between(c.lastPollAt(), now).toSeconds();
        Double headroom = c.rateLimitLimit() == null || c.rateLimitLimit() == 0 || c.rateLimitRemaining() == null ? null
                : c.rateLimitRemaining() / (double) c.rateLimitLimit();
        List<Webhook> hooks = webhooks.forConnection(c.id()).stream().map(w -> new Webhook(w.vendorWebhookId(), w.model(),
                w.status(), w.expiresAt(), w.expiresAt() == null ? null : Duration.between(now, w.expiresAt()).toSeconds()))
                .toList();
        return new ConnectionHealth(c.id(), c.vendor(), c.displayName(), c.status(), sinceSuccess, lag, c.errorCount(),
                c.lastError(), c.lastErrorAt(), new RateLimit(c.rateLimitLimit(), c.rateLimitRemaining(),
                c.rateLimitResetAt(), headroom), outbox.depth(c.id()), inbox.depth(c.id()),
                deadLetters.openCount(c.id()), hooks);
    }

    @GetMapping("/dead-letters")
    public List<DeadLetter> deadLetters(@RequestParam(defaultValue = "open") String status,
                                        @RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        if (!List.of("open", "replayed", "discarded", "all").contains(status) || limit < 1 || limit > 1000) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid filter",
                    "status is one of open, replayed, discarded, all; limit is 1–1000.");
        }
        return tenancy.read(p.scope(), () -> deadLetters.list("all".equals(status) ? null : status, limit));
    }

    @PostMapping("/dead-letters/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable long id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        control.replay(p.firmId(), id);
        tenancy.writeVoid(p.scope(), () -> audit.record("dead_letter.replayed", "dead_letter", Long.toString(id), Map.of()));
        return ResponseEntity.accepted().body(Map.of("deadLetterId", id, "status", "replaying"));
    }

    @PostMapping("/connections/{id}/{action}")
    public ResponseEntity<Map<String, Object>> act(@PathVariable UUID id, @PathVariable String action,
                                                   HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        tenancy.read(p.scope(), () -> connections.find(id)).orElseThrow(() -> ApiProblem.notFound("Connection " + id));
        switch (action) {
            case "pause" -> control.pause(p.firmId(), id);
            case "resume" -> control.resume(p.firmId(), id);
            case "backfill" -> control.backfill(p.firmId(), id);
            default -> throw ApiProblem.notFound("Action " + action);
        }
        tenancy.writeVoid(p.scope(), () -> audit.record("connection." + action, "connection", id.toString(), Map.of()));
        return ResponseEntity.accepted().body(Map.of("connectionId", id, "action", action));
    }

    @GetMapping("/field-conflicts")
    public List<Map<String, Object>> fieldConflicts(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        return tenancy.read(p.scope(), () -> conflicts.recent(200));
    }
}
