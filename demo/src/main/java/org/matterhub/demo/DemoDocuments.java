package org.matterhub.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.documents.DmsSyncService;
import org.matterhub.simulators.common.SampleFiles;
import org.matterhub.simulators.imanage.ImanageDemoSeed;
import org.matterhub.simulators.imanage.ImanageSimulator;
import org.matterhub.simulators.imanage.ImanageSimulatorOptions;
import org.matterhub.simulators.netdocuments.NetDocumentsDemoSeed;
import org.matterhub.simulators.netdocuments.NetDocumentsSimulator;
import org.matterhub.simulators.netdocuments.NetDocumentsSimulatorOptions;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo's document systems: an iManage Work simulator filing the Northwind and Bluebird matters and a NetDocuments
 * simulator filing the Cedar &amp; Pine ones (a firm may run both while it migrates), each connected through its OAuth
 * flow and backfilled; then, on the demo's first start, staff publish some portal candidates — engagement letters and
 * every other draft agreement, two of them after a second round of versions — so a client can list, search and
 * download at once, while other candidates wait in review and internal documents stay internal. One iManage document
 * is filed under a matter number the firm does not have, so ops see it in the unresolved list.
 *
 * <p>NetDocuments runs at its published limit (100 calls per 60 s), which the hub's limiter paces at about 0.6 s a
 * call, so its first backfill (some 110 calls) takes over a minute: unless {@code matterhub.demo.dms-backfill-in-background}
 * is false, it runs (with the publishing of its documents) on a background thread and the demo is up without waiting.
 */
@Component
@ConditionalOnExpression("${matterhub.demo.enabled:false} and ${matterhub.demo.documents:true}")
public class DemoDocuments implements DisposableBean {

    static final Set<String> IMANAGE_CLIENTS = Set.of("NORTHWIND", "BLUEBIRD");
    static final Set<String> NETDOCUMENTS_CLIENTS = Set.of("CEDARPINE");
    private static final Logger log = LoggerFactory.getLogger(DemoDocuments.class);

    private final ImanageSimulator imanage;
    private final NetDocumentsSimulator netDocuments;
    private final ImanageDemoSeed imanageSeed;
    private final NetDocumentsDemoSeed netDocumentsSeed;
    private final DmsSyncService sync;
    private final EmbeddedIssuer issuer;
    private final Tenancy tenancy;
    private final JdbcTemplate jdbc;
    private final HttpClient http = DemoConnect.httpClient();
    private final boolean backfillInBackground;
    /** NetDocuments' published limit, 100 calls per 60 s per token (VENDORS.md §0.2). */
    private static final int NETDOCUMENTS_PUBLISHED_PER_MINUTE = 100;
    private final int netDocumentsPerMinute;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "demo-netdocuments-backfill");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> netDocumentsBackfill = CompletableFuture.completedFuture(null);

    public DemoDocuments(DmsProperties dms, DmsSyncService sync, EmbeddedIssuer issuer, Tenancy tenancy, JdbcTemplate jdbc,
                         Environment env) {
        this.sync = sync;
        this.issuer = issuer;
        this.tenancy = tenancy;
        this.jdbc = jdbc;
        this.backfillInBackground = env.getProperty("matterhub.demo.dms-backfill-in-background", Boolean.class, true);
        this.netDocumentsPerMinute = env.getProperty("matterhub.demo.netdocuments-requests-per-minute", Integer.class,
                NETDOCUMENTS_PUBLISHED_PER_MINUTE);
        this.imanage = ImanageSimulator.start(ImanageSimulatorOptions.builder()
                .port(env.getProperty("matterhub.demo.imanage-simulator-port", Integer.class, 8092)).build());
        this.netDocuments = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.builder()
                .port(env.getProperty("matterhub.demo.netdocuments-simulator-port", Integer.class, 8093)).build());
        imanage.registerApp(dms.imanageClientId(), dms.imanageClientSecret());
        netDocuments.registerApp(dms.netdocumentsClientId(), dms.netdocumentsClientSecret());
        this.imanageSeed = imanage.seedDemoFirm(IMANAGE_CLIENTS);
        this.netDocumentsSeed = netDocuments.seedDemoFirm(NETDOCUMENTS_CLIENTS);
        // The tests' hubs raise it (matterhub.demo.netdocuments-requests-per-minute): they test other things than the
        // limit, and each would otherwise spend a minute on its first backfill.
        netDocuments.setRateLimitPerMinute(netDocumentsPerMinute);
        // Both simulators run with their vendor's published limit (VENDORS.md §0.2): NetDocuments at the simulator's
        // default, 100 calls per 60 s per token (Microsoft Learn, NetDocuments connector), the hub's budget the same;
        // iManage publishes none, so its simulator stays unlimited and the hub keeps its own budget (300/min).
        String orphanWorkspace = imanage.data().createMatterWorkspace("NORTHWIND", "Northwind Holdings Ltd", "09999",
                "Archived matter not in Clio").clientPortalFolderId();
        imanage.data().putDocument(orphanWorkspace, "Archived Side Letter", "pdf",
                SampleFiles.pdf("Archived Side Letter", "Filed under a matter number the firm no longer has"), "SCHEN");
        // Fresh simulators: grants of an earlier run are void until the connect flow below runs again.
        tenancy.writeVoid(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.update(
                "update connection set status = 'pending_authorization' where vendor in ('imanage', 'netdocuments')"));
    }

    public ImanageSimulator imanage() {
        return imanage;
    }

    public NetDocumentsSimulator netDocuments() {
        return netDocuments;
    }

    public ImanageDemoSeed imanageSeed() {
        return imanageSeed;
    }

    public NetDocumentsDemoSeed netDocumentsSeed() {
        return netDocumentsSeed;
    }

    /** Connects both systems, backfills them, and on a first start publishes the demo's documents. */
    public Map<String, UUID> connectAndSync(String base) throws Exception {
        Map<String, UUID> ids = new LinkedHashMap<>();
        String imanageId = SourceSystem.IMANAGE.id();
        String netDocumentsId = SourceSystem.NETDOCUMENTS.id();
        ids.put(imanageId, connect(base, imanageId, "iManage Work (simulator)", imanage.baseUrl(),
                Map.of("library", "ACTIVE_US", "clients", Map.of("NORTHWIND", "Northwind Holdings Ltd",
                        "BLUEBIRD", "Bluebird Ventures LLC"))));
        ids.put(netDocumentsId, connect(base, netDocumentsId, "NetDocuments (simulator)",
                netDocuments.baseUrl(), Map.of("repositoryId", netDocuments.options().repositoryId(),
                        "cabinetId", netDocuments.options().cabinetId(), "requestsPerMinute", netDocumentsPerMinute,
                        "clients", Map.of("CEDARPINE", "Cedar & Pine Bakery Co"))));
        Long published = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.queryForObject(
                "select count(*) from document where state <> 'internal' and state <> 'pending_review'", Long.class));
        boolean firstStart = published != null && published == 0;
        sync.poll(imanageId, DemoFirm.FIRM_ID, ids.get(imanageId));
        if (firstStart) {
            publishDemoDocuments(base, ids, imanageId, true);
        }
        Callable<Void> netDocumentsSync = () -> {
            sync.poll(netDocumentsId, DemoFirm.FIRM_ID, ids.get(netDocumentsId));
            if (firstStart) {
                publishDemoDocuments(base, ids, netDocumentsId, false);
            }
            log.info("Demo documents: NetDocuments backfill done");
            return null;
        };
        if (backfillInBackground) {
            netDocumentsBackfill = background.submit(() -> {
                try {
                    return netDocumentsSync.call();
                } catch (Exception e) {
                    log.warn("Demo documents: the NetDocuments backfill failed; the scheduled poll takes over", e);
                    throw e;
                }
            });
        } else {
            netDocumentsSync.call();
        }
        return ids;
    }

    /** Whether the first NetDocuments backfill still runs in the background. */
    public boolean netDocumentsBackfillRunning() {
        return !netDocumentsBackfill.isDone();
    }

    /**
     * Publishes {@code system}'s engagement letters and every other draft agreement; with {@code secondRound} (iManage,
     * whose simulator the demo edits) two of those agreements get a new version and are published again.
     */
    private void publishDemoDocuments(String base, Map<String, UUID> ids, String system, boolean secondRound)
            throws Exception {
        String partner = issuer.mint("schen@harbourlaw.example", Duration.ofMinutes(10), Map.of());
        List<Map<String, Object>> candidates = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.queryForList("""
                select d.id, d.title from document d join matter m on m.id = d.matter_id
                 where d.state = 'pending_review' and d.source_system = ? order by m.display_number, d.title""", system));
        int agreements = 0;
        List<String> revised = new java.util.ArrayList<>();
        for (Map<String, Object> c : candidates) {
            String title = (String) c.get("title");
            boolean letter = title.startsWith("Engagement Letter");
            boolean agreement = title.startsWith("Draft Agreement") && agreements++ % 2 == 0;
            if (letter || agreement) {
                publish(base, partner, (UUID) c.get("id"));
                if (agreement && revised.size() < 2) {
                    revised.add(title);
                }
            }
        }
        if (!secondRound) {
            log.info("Demo documents: {} {} candidates, engagement letters and every other draft agreement published",
                    candidates.size(), system);
            return;
        }
        // A second round for two iManage agreements: a new version sends each back to review; staff publish it again.
        for (String title : revised) {
            String docId = imanageDocument(title);
            if (docId != null) {
                imanage.data().addVersion(docId, SampleFiles.docx(title + " (revised)", "Revised after the client's comments"));
            }
        }
        sync.poll(SourceSystem.IMANAGE.id(), DemoFirm.FIRM_ID, ids.get(SourceSystem.IMANAGE.id()));
        List<UUID> again = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.queryForList(
                "select id from document where state = 'pending_review' and title = any (?)", UUID.class,
                (Object) revised.toArray(String[]::new)));
        for (UUID id : again) {
            publish(base, partner, id);
        }
        log.info("Demo documents: {} candidates, engagement letters and every other draft agreement published; {} "
                + "published twice", candidates.size(), again.size());
    }

    private String imanageDocument(String title) {
        for (ImanageDemoSeed.Matter m : imanageSeed.matters()) {
            List<String> ids = imanage.data().documentIdsNamed(m.clientPortalFolderId(), title);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
        }
        return null;
    }

    private void publish(String base, String token, UUID documentId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/staff/documents/" + documentId
                + "/publication")).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Publishing " + documentId + " failed: " + r.statusCode() + " " + r.body());
        }
    }

    private UUID connect(String base, String vendor, String name, String baseUrl, Map<String, Object> settings) throws Exception {
        return DemoConnect.connect(http, issuer, base, vendor, Map.of("displayName", name, "baseUrl", baseUrl, "settings", settings));
    }

    @Override
    public void destroy() {
        background.shutdownNow();
        imanage.close();
        netDocuments.close();
    }
}
