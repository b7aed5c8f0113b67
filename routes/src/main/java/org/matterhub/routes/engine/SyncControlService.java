package org.matterhub.routes.engine;

import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.ops.SyncControl;
import org.matterhub.routes.clio.ClioInboundSync;
import org.matterhub.routes.clio.ClioSyncService;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The ops levers: pause and resume a connection, start a backfill, replay a dead letter. */
@Component
public class SyncControlService implements SyncControl {

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final DeadLetterRepository deadLetters;
    private final OutboxRepository outbox;
    private final InboxRepository inbox;
    private final ClioInboundSync clio;
    private final ClioSyncService clioService;

    public SyncControlService(Tenancy tenancy, ConnectionRepository connections, DeadLetterRepository deadLetters,
                              OutboxRepository outbox, InboxRepository inbox, ClioInboundSync clio, ClioSyncService clioService) {
        this.tenancy = tenancy;
        this.connections = connections;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.inbox = inbox;
        this.clio = clio;
        this.clioService = clioService;
    }

    @Override
    public void pause(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> connections.setStatus(connectionId, "paused"));
    }

    @Override
    public void resume(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> connections.setStatus(connectionId, "active"));
    }

    @Override
    public void backfill(UUID firmId, UUID connectionId) {
        clio.resetBackfill(firmId, connectionId);
        new Thread(() -> clioService.runWithRetries("backfill", firmId, connectionId, clio::backfill),
                "clio-backfill-" + connectionId).start();
    }

    @Override
    public void replay(UUID firmId, long deadLetterId) {
        var letter = tenancy.write(TenantScope.system(firmId), () -> {
            var dl = deadLetters.find(deadLetterId).orElseThrow(() -> ApiProblem.notFound("Dead letter " + deadLetterId));
            if (!"open".equals(dl.status())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Already replayed", "Dead letter " + deadLetterId + " is " + dl.status() + ".");
            }
            switch (dl.source()) {
                case "outbox" -> outbox.revive(dl.sourceId());
                case "inbox" -> inbox.revive(dl.sourceId());
                default -> { }
            }
            deadLetters.markReplayed(deadLetterId);
            return dl;
        });
        if ("poll".equals(letter.source())) {
            new Thread(() -> clioService.runWithRetries("replay", firmId, letter.connectionId(), (f, c) -> {
                clio.backfill(f, c);
                clio.incremental(f, c);
            }), "clio-replay-" + deadLetterId).start();
        }
    }
}
