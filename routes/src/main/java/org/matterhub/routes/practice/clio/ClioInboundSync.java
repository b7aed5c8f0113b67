package org.matterhub.routes.practice.clio;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioActivity;
import org.matterhub.connectors.clio.ClioClient;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.connectors.clio.ClioPage;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.ExternalRefRepository;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.sync.SyncCursor.SyncMode;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Inbound Clio sync. Each page is fetched outside any transaction, then applied and its cursor saved in one
 * transaction: a crash anywhere replays the page (upserts are idempotent), never skips it.
 * <ul>
 *   <li><b>backfill</b>: every record, following {@code meta.paging.next}; the cursor holds the next page URL.</li>
 *   <li><b>incremental</b>: {@code updated_since} the newest {@code updated_at} applied so far.</li>
 *   <li><b>reconciliation</b>: lists every id and marks missing ones deleted — only after a complete listing.</li>
 * </ul>
 */
@Component
public class ClioInboundSync {

    public static final String NEXT_PAGE = "next_page_url";
    public static final String UPDATED_SINCE = "updated_since";
    public static final String COMPLETE = "complete";
    private static final Logger log = LoggerFactory.getLogger(ClioInboundSync.class);

    private final ClioConnections clients;
    private final ClioUpserter upserter;
    private final SyncCursorRepository cursors;
    private final ExternalRefRepository refs;
    private final ConnectionRepository connections;
    private final Tenancy tenancy;
    private final MeterRegistry meters;
    private final Duration backfillSlice;
    private final ExecutorService prefetch = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "clio-page-prefetch");
        t.setDaemon(true);
        return t;
    });

    public ClioInboundSync(ClioConnections clients, ClioUpserter upserter, SyncCursorRepository cursors,
                           ExternalRefRepository refs, ConnectionRepository connections, Tenancy tenancy,
                           MeterRegistry meters, @Value("${matterhub.clio.backfill-slice:2m}") Duration backfillSlice) {
        this.clients = clients;
        this.upserter = upserter;
        this.cursors = cursors;
        this.refs = refs;
        this.connections = connections;
        this.tenancy = tenancy;
        this.meters = meters;
        this.backfillSlice = backfillSlice;
    }

    /**
     * Backfills contacts, then matters, then activities (time entries), resuming from the saved cursors, for at most one slice of time
     * ({@code matterhub.clio.backfill-slice}, default 2 minutes): a large
     * account is backfilled over several scheduler runs, so one connection never starves the others. Returns
     * the records applied in this run.
     */
    public long backfill(UUID firmId, UUID connectionId) {
        Instant deadline = Instant.now().plus(backfillSlice);
        long n = backfillEntity(firmId, connectionId, ClioUpserter.CONTACT, deadline);
        n += backfillEntity(firmId, connectionId, ClioUpserter.MATTER, deadline);
        // Activities name their matter: they follow the matters. A connection made before time entries existed gets
        // its first activity backfill here too.
        if (backfillComplete(firmId, connectionId)) {
            n += backfillEntity(firmId, connectionId, ClioUpserter.ACTIVITY, deadline);
        }
        return n;
    }

    /** Starts a fresh backfill (ops asked for one): the old backfill cursors are dropped. */
    public void resetBackfill(UUID firmId, UUID connectionId) {
        tenancy.writeVoid(TenantScope.system(firmId), () -> {
            cursors.delete(connectionId, ClioUpserter.CONTACT, "", SyncMode.BACKFILL);
            cursors.delete(connectionId, ClioUpserter.MATTER, "", SyncMode.BACKFILL);
            cursors.delete(connectionId, ClioUpserter.ACTIVITY, "", SyncMode.BACKFILL);
        });
    }

    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return tenancy.read(TenantScope.system(firmId), () ->
                isComplete(cursors.find(connectionId, ClioUpserter.CONTACT, "", SyncMode.BACKFILL))
                        && isComplete(cursors.find(connectionId, ClioUpserter.MATTER, "", SyncMode.BACKFILL)));
    }

    /** Whether the activity backfill finished (what reconciliation of time entries waits for). */
    public boolean activityBackfillComplete(UUID firmId, UUID connectionId) {
        return tenancy.read(TenantScope.system(firmId), () ->
                isComplete(cursors.find(connectionId, ClioUpserter.ACTIVITY, "", SyncMode.BACKFILL)));
    }

    private static boolean isComplete(java.util.Optional<SyncCursor> c) {
        return c.map(x -> "true".equals(x.get(COMPLETE))).orElse(false);
    }

    private long backfillEntity(UUID firmId, UUID connectionId, String entity, Instant deadline) {
        TenantScope scope = TenantScope.system(firmId);
        SyncCursor cursor = tenancy.read(scope, () -> cursors.find(connectionId, entity, "", SyncMode.BACKFILL)).orElse(null);
        if (cursor != null && "true".equals(cursor.get(COMPLETE))) {
            return 0;
        }
        String startedAt = cursor != null && cursor.get("started_at") != null ? cursor.get("started_at") : Instant.now().toString();
        String next = cursor == null ? null : cursor.get(NEXT_PAGE);
        ClioClient client = clients.client(firmId, connectionId);
        long applied = 0;
        ClioPage<?> page = fetch(client, entity, null, next);
        while (true) {
            String pageNext = page.nextPageUrl();
            // The next page travels while this one is applied; it is applied only after this page's commit.
            CompletableFuture<ClioPage<?>> ahead = pageNext == null || Instant.now().isAfter(deadline) ? null
                    : CompletableFuture.supplyAsync(() -> fetch(client, entity, null, pageNext), prefetch);
            applyPage(scope, connectionId, entity, page.records());
            Map<String, String> position = new HashMap<>();
            position.put("started_at", startedAt);
            if (pageNext != null) {
                position.put(NEXT_PAGE, pageNext);
            } else {
                position.put(COMPLETE, "true");
            }
            int size = page.records().size();
            tenancy.writeVoid(scope, () -> {
                cursors.save(connectionId, entity, "", SyncMode.BACKFILL, position, size);
                if (pageNext == null) {
                    // The incremental path starts where the backfill began, so nothing changed meanwhile is missed.
                    if (cursors.find(connectionId, entity, "", SyncMode.INCREMENTAL).isEmpty()) {
                        cursors.save(connectionId, entity, "", SyncMode.INCREMENTAL, Map.of(UPDATED_SINCE, startedAt), 0);
                    }
                }
            });
            applied += size;
            meters.counter("matterhub.sync.records", "vendor", "clio", "connection", connectionId.toString(),
                    "entity", entity, "mode", "backfill").increment(size);
            if (ahead == null) {
                if (pageNext != null) {
                    log.info("Clio {} backfill of connection {} paused after {} records; the next run resumes it",
                            entity, connectionId, applied);
                    return applied;
                }
                break;
            }
            page = join(ahead);
        }
        log.info("Clio {} backfill of connection {} complete: {} records this run", entity, connectionId, applied);
        return applied;
    }

    /** One incremental pass over contacts, matters and activities. */
    public long incremental(UUID firmId, UUID connectionId) {
        long n = incrementalEntity(firmId, connectionId, ClioUpserter.CONTACT);
        n += incrementalEntity(firmId, connectionId, ClioUpserter.MATTER);
        n += incrementalEntity(firmId, connectionId, ClioUpserter.ACTIVITY);
        var limit = clients.client(firmId, connectionId).lastRateLimit();
        tenancy.writeVoid(TenantScope.system(firmId), () -> {
            connections.recordPoll(connectionId, true, null);
            limit.ifPresent(l -> connections.recordRateLimit(connectionId, l.limit(), l.remaining(), l.resetAt()));
        });
        return n;
    }

    private long incrementalEntity(UUID firmId, UUID connectionId, String entity) {
        TenantScope scope = TenantScope.system(firmId);
        SyncCursor cursor = tenancy.read(scope, () -> cursors.find(connectionId, entity, "", SyncMode.INCREMENTAL)).orElse(null);
        if (cursor == null) {
            return 0;
        }
        Instant since = Instant.parse(cursor.get(UPDATED_SINCE));
        String next = cursor.get(NEXT_PAGE);
        String sinceAtStart = cursor.get("page_since") != null ? cursor.get("page_since") : since.toString();
        ClioClient client = clients.client(firmId, connectionId);
        long applied = 0;
        Instant newestSeen = since;
        do {
            ClioPage<?> page = fetch(client, entity, Instant.parse(sinceAtStart), next);
            Instant newest = applyPage(scope, connectionId, entity, page.records());
            if (newest != null && newest.isAfter(newestSeen)) {
                newestSeen = newest;
            }
            String pageNext = page.nextPageUrl();
            Map<String, String> position = new HashMap<>();
            if (pageNext != null) {
                position.put(UPDATED_SINCE, since.toString());
                position.put("page_since", sinceAtStart);
                position.put(NEXT_PAGE, pageNext);
                position.put("newest_seen", newestSeen.toString());
            } else {
                Instant carried = cursor.get("newest_seen") != null ? Instant.parse(cursor.get("newest_seen")) : newestSeen;
                position.put(UPDATED_SINCE, (carried.isAfter(newestSeen) ? carried : newestSeen).toString());
            }
            tenancy.writeVoid(scope, () -> cursors.save(connectionId, entity, "", SyncMode.INCREMENTAL, position,
                    page.records().size()));
            applied += page.records().size();
            next = pageNext;
        } while (next != null);
        meters.counter("matterhub.sync.records", "vendor", "clio", "connection", connectionId.toString(),
                "entity", entity, "mode", "incremental").increment(applied);
        return applied;
    }

    /**
     * Full reconciliation of one entity: lists every id; only when the listing completed, refs whose record
     * is gone are marked deleted. A failure mid-listing throws and deletes nothing.
     */
    public int reconcile(UUID firmId, UUID connectionId, String entity) {
        ClioClient client = clients.client(firmId, connectionId);
        Set<String> live = new HashSet<>();
        String next = null;
        do {
            ClioPage<?> page = fetch(client, entity, null, next);
            for (Object r : page.records()) {
                live.add(Long.toString(r instanceof ClioMatter m ? m.id()
                        : r instanceof ClioActivity a ? a.id() : ((ClioContact) r).id()));
            }
            next = page.nextPageUrl();
        } while (next != null);
        TenantScope scope = TenantScope.system(firmId);
        return tenancy.write(scope, () -> {
            int deleted = 0;
            List<String> known = ClioUpserter.ACTIVITY.equals(entity) ? upserter.liveTimeEntryIds(connectionId)
                    : refs.liveExternalIds(connectionId, entity);
            for (String id : known) {
                if (!live.contains(id)) {
                    if (ClioUpserter.ACTIVITY.equals(entity)) {
                        upserter.deleteTimeEntry(connectionId, id);
                    } else if (ClioUpserter.MATTER.equals(entity)) {
                        upserter.deleteMatter(connectionId, id);
                    } else {
                        upserter.deleteContact(connectionId, id);
                    }
                    deleted++;
                }
            }
            if (deleted > 0) {
                log.info("Reconciliation of Clio {} for connection {} marked {} deleted", entity, connectionId, deleted);
            }
            return deleted;
        });
    }

    private static ClioPage<?> join(CompletableFuture<ClioPage<?>> ahead) {
        try {
            return ahead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static ClioPage<?> fetch(ClioClient client, String entity, Instant since, String next) {
        return switch (entity) {
            case ClioUpserter.MATTER -> client.listMatters(since, next);
            case ClioUpserter.ACTIVITY -> client.listActivities(since, next);
            default -> client.listContacts(since, next);
        };
    }

    /** Applies one page in one transaction; returns the newest updated_at in it. */
    Instant applyPage(TenantScope scope, UUID connectionId, String entity, List<?> records) {
        if (ClioUpserter.ACTIVITY.equals(entity)) {
            @SuppressWarnings("unchecked") List<ClioActivity> activities = (List<ClioActivity>) records;
            return tenancy.write(scope, () -> {
                upserter.timeEntries(connectionId, activities);
                return activities.stream().map(ClioActivity::updatedAt).filter(java.util.Objects::nonNull)
                        .max(Instant::compareTo).orElse(null);
            });
        }
        if (ClioUpserter.MATTER.equals(entity)) {
            @SuppressWarnings("unchecked") List<ClioMatter> matters = (List<ClioMatter>) records;
            ensureClients(scope, connectionId, matters);
            return tenancy.write(scope, () -> {
                upserter.matters(connectionId, matters);
                return matters.stream().map(ClioMatter::updatedAt).filter(java.util.Objects::nonNull)
                        .max(Instant::compareTo).orElse(null);
            });
        }
        @SuppressWarnings("unchecked") List<ClioContact> contacts = (List<ClioContact>) records;
        return tenancy.write(scope, () -> {
            upserter.contacts(connectionId, contacts);
            return contacts.stream().map(ClioContact::updatedAt).filter(java.util.Objects::nonNull)
                    .max(Instant::compareTo).orElse(null);
        });
    }

    /** Matters may name a client the hub has not seen yet: fetch and apply those contacts first. */
    private void ensureClients(TenantScope scope, UUID connectionId, List<ClioMatter> matters) {
        List<Long> clientIds = matters.stream().filter(m -> m.client() != null && m.client().id() != null)
                .map(m -> m.client().id()).distinct().toList();
        if (clientIds.isEmpty()) {
            return;
        }
        Set<String> known = tenancy.read(scope, () -> refs.findAll(connectionId, ClioUpserter.CLIENT_ORG,
                clientIds.stream().map(String::valueOf).toList()).keySet());
        ClioClient client = null;
        for (Long id : clientIds) {
            if (known.contains(Long.toString(id))) {
                continue;
            }
            if (client == null) {
                client = clients.client(scope.firmId(), connectionId);
            }
            ClioContact contact = client.getContact(id);
            tenancy.writeVoid(scope, () -> {
                upserter.contact(connectionId, contact);
                upserter.ensureIndividualClientOrg(connectionId, contact);
            });
        }
    }
}
