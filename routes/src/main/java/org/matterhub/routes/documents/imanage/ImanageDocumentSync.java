package org.matterhub.routes.documents.imanage;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.matterhub.connectors.imanage.ImanageClient;
import org.matterhub.connectors.imanage.ImanageCrawlPage;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.mappings.documents.DmsMatterResolver;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.mappings.imanage.ImanageContainerMapper;
import org.matterhub.mappings.imanage.ImanageDocumentMapper;
import org.matterhub.routes.documents.ContentRequest;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsDocumentApplier;
import org.matterhub.routes.documents.DmsSyncSupport;
import org.matterhub.routes.documents.DocumentContentFetcher;
import org.matterhub.routes.documents.DocumentSync;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.sync.SyncCursor;
import org.matterhub.store.sync.SyncCursor.SyncMode;
import org.matterhub.store.sync.SyncCursorRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * iManage Work inbound: the sync crawl API (IM-DF) read from saved cursors, in the order workspaces, folders,
 * document parents (where documents are filed), documents. A crawl from no cursor is the backfill; once it has caught
 * up, the same cursor reads only what changed since, so backfill and incremental share one path and differ in mode.
 * Each page is applied and its cursor saved in one transaction (a crash replays the page; applying is idempotent);
 * the next page is fetched while the current one is applied. Documents that became portal candidates have their
 * bytes copied after the page commits.
 *
 * <p>Reconciliation re-crawls documents from the start and marks every profile the crawl no longer returns deleted:
 * iManage publishes no deletion feed (simulators/README.md), so only a complete crawl reveals deletions.
 */
@Component
public class ImanageDocumentSync extends ImanageAdapter implements DocumentSync {

    static final String VENDOR = SourceSystem.IMANAGE.id();
    public static final String CURSOR = "cursor";
    public static final String CAUGHT_UP = "caught_up";
    static final List<String> ENTITIES = List.of("imanage_workspaces", "imanage_folders", "imanage_parents", "imanage_documents");
    private static final Logger log = LoggerFactory.getLogger(ImanageDocumentSync.class);

    private final DmsSyncSupport support;
    private final ImanageClients clients;
    private final ImanageContent source;
    private final ExecutorService prefetch = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "imanage-crawl-prefetch");
        t.setDaemon(true);
        return t;
    });

    public ImanageDocumentSync(DmsSyncSupport support, ImanageClients clients, ImanageContent source) {
        this.support = support;
        this.clients = clients;
        this.source = source;
    }

    /** One pass: every crawl from its cursor to the end. Returns the document versions applied. */
    @Override
    public long poll(UUID firmId, UUID connectionId) {
        DmsConnections.Dms conn = support.connections().load(firmId, connectionId);
        DmsSettings settings = conn.settings();
        ImanageClient client = clients.client(firmId, connectionId);
        TenantScope scope = TenantScope.system(firmId);
        DmsMatterResolver resolver = support.tenancy().read(scope, () -> support.applier().resolver(settings));
        crawl(scope, connectionId, "imanage_workspaces", client::crawlWorkspaces, rows -> {
            support.dms().upsertContainers(rows.stream().map(w -> DmsSyncSupport.row(connectionId, ImanageContainerMapper.workspace(w))).toList());
            return List.of();
        });
        crawl(scope, connectionId, "imanage_folders", client::crawlFolders, rows -> {
            support.dms().upsertContainers(rows.stream().map(f -> DmsSyncSupport.row(connectionId, ImanageContainerMapper.folder(f))).toList());
            return List.of();
        });
        crawl(scope, connectionId, "imanage_parents", client::crawlDocumentParents, rows -> {
            Map<String, Set<String>> placements = ImanageContainerMapper.placements(rows);
            support.dms().addPlacements(connectionId, placements);
            return support.applier().replaced(connectionId, VENDOR, settings, placements.keySet());
        });
        long[] applied = {0};
        crawl(scope, connectionId, "imanage_documents", client::crawlDocuments, rows -> {
            List<DmsProfile> profiles = ImanageDocumentMapper.profiles(rows, settings);
            DmsDocumentApplier.Outcome o = support.applier().apply(connectionId, VENDOR, settings, resolver, profiles);
            applied[0] += rows.size();
            return o.contentNeeded();
        });
        support.recordPoll(scope.firmId(), connectionId);
        return applied[0];
    }

    /** Whether the first crawl of every kind has caught up. */
    @Override
    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return support.tenancy().read(TenantScope.system(firmId), () -> ENTITIES.stream().allMatch(e ->
                support.cursors().find(connectionId, e, "", SyncMode.INCREMENTAL).map(c -> "true".equals(c.get(CAUGHT_UP))).orElse(false)));
    }

    /** Forgets every cursor: the next poll crawls everything again (ops asked for a fresh backfill). */
    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        support.tenancy().writeVoid(TenantScope.system(firmId), () -> ENTITIES.forEach(e -> support.cursors().delete(connectionId, e, "", SyncMode.INCREMENTAL)));
    }

    /**
     * A complete documents crawl from the start, outside the incremental cursor; profiles it does not return are
     * deleted. Returns how many were.
     */
    @Override
    public int reconcile(UUID firmId, UUID connectionId) {
        ImanageClient client = clients.client(firmId, connectionId);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        ImanageCrawlPage<ImanageDocument> page;
        do {
            page = client.crawlDocuments(cursor);
            for (ImanageDocument d : page.rows()) {
                if (!d.isDeleted()) {
                    seen.add(ImanageDocumentMapper.key(d));
                }
            }
            cursor = page.cursor();
        } while (page.hasMore());
        int deleted = support.deleteMissing(firmId, connectionId, VENDOR, seen);
        if (deleted > 0) {
            log.info("iManage reconciliation of connection {}: {} documents no longer in the library", connectionId,
                    deleted);
        }
        return deleted;
    }

    private <T> void crawl(TenantScope scope, UUID connectionId, String entity,
                           Function<String, ImanageCrawlPage<T>> fetch, Function<List<T>, List<ContentRequest>> apply) {
        SyncCursor saved = support.tenancy().read(scope, () -> support.cursors().find(connectionId, entity, "", SyncMode.INCREMENTAL)).orElse(null);
        String cursor = saved == null ? null : saved.get(CURSOR);
        boolean caughtUpBefore = saved != null && "true".equals(saved.get(CAUGHT_UP));
        ImanageCrawlPage<T> page = fetch.apply(cursor);
        while (true) {
            ImanageCrawlPage<T> current = page;
            CompletableFuture<ImanageCrawlPage<T>> ahead = current.hasMore()
                    ? CompletableFuture.supplyAsync(() -> fetch.apply(current.cursor()), prefetch) : null;
            Map<String, String> position = new LinkedHashMap<>();
            if (current.cursor() != null) {
                position.put(CURSOR, current.cursor());
            }
            position.put(CAUGHT_UP, Boolean.toString(caughtUpBefore || !current.hasMore()));
            List<ContentRequest> needed = support.tenancy().write(scope, () -> {
                List<ContentRequest> n = apply.apply(current.rows());
                support.cursors().save(connectionId, entity, "", SyncMode.INCREMENTAL, position, current.rows().size());
                return n;
            });
            support.count(VENDOR, connectionId, entity, caughtUpBefore ? "incremental" : "backfill", current.rows().size());
            support.content().fetch(scope.firmId(), source, needed);
            if (ahead == null) {
                return;
            }
            try {
                page = ahead.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
    }
}
