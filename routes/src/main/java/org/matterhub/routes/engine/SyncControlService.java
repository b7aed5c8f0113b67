package org.matterhub.routes.engine;

import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.ops.SyncControl;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.routes.vendor.ConnectionSync;
import org.matterhub.routes.vendor.VendorRegistry;
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
    private final VendorRegistry vendors;
    private final ConnectionPollLocks locks;

    public SyncControlService(Tenancy tenancy, ConnectionRepository connections, DeadLetterRepository deadLetters,
                              OutboxRepository outbox, InboxRepository inbox, VendorRegistry vendors,
                              ConnectionPollLocks locks) {
        this.locks = locks;
        this.tenancy = tenancy;
        this.connections = connections;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.inbox = inbox;
        this.vendors = vendors;
    }

    @Override
    public void pause(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> connections.setStatus(connectionId, "paused"));
    }

    @Override
    public void resume(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> connections.setStatus(connectionId, "active"));
    }

    /**
     * Drops the backfill cursors; the next scheduled poll (one node of the cluster, never two at once) runs the
     * backfill from the first page.
     */
    @Override
    public void backfill(UUID firmId, UUID connectionId) {
        String vendor = tenancy.read(TenantScope.system(firmId), () -> connections.find(connectionId))
                .map(c -> c.vendor()).orElseThrow(() -> ApiProblem.notFound("Connection " + connectionId));
        ConnectionSync sync = vendors.find(vendor, ConnectionSync.class).orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT,
                "No backfill for this connection", "Connections to '" + vendor + "' cannot be backfilled."));
        // Not under a poll of this process: the next one starts from the first page, never half-way through this one.
        locks.holding(connectionId, () -> {
            sync.resetCursors(firmId, connectionId);
            return null;
        });
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
            // A failed poll moved no cursor: the next scheduled poll retries exactly that work; make sure it runs.
            tenancy.writeVoid(TenantScope.system(firmId), () -> connections.find(letter.connectionId())
                    .filter(c -> "error".equals(c.status())).ifPresent(c -> connections.setStatus(c.id(), "active")));
        }
    }
}
