package org.matterhub.routes.documents.netdocuments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.matterhub.connectors.netdocuments.NetDocumentsClient;
import org.matterhub.connectors.netdocuments.NetDocumentsItem;
import org.matterhub.connectors.netdocuments.NetDocumentsLogEntry;
import org.matterhub.connectors.netdocuments.NetDocumentsLookupEntry;
import org.matterhub.connectors.netdocuments.NetDocumentsNotFoundException;
import org.matterhub.connectors.netdocuments.NetDocumentsVersion;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.mappings.documents.DmsMatterResolver;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.mappings.netdocuments.NetDocumentsContainerMapper;
import org.matterhub.mappings.netdocuments.NetDocumentsDocumentMapper;
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
 * NetDocuments inbound, within the connection's request budget (default 100 calls per 60 s):
 * <ul>
 *   <li><b>backfill</b>: the cabinet's client and matter lookup values, each pair's workspace
 *       ({@code /v1/Workspace/{cab}/{client}/{matter}/info}) and its folders walked with {@code /v2/container} paging;
 *       the cursor remembers the last finished workspace, so a crash resumes there.</li>
 *   <li><b>incremental</b>: the repository activity log since the last entry applied (the API has no webhooks);
 *       each changed document's profile is read once per pass, a deleted one becomes a tombstone.</li>
 *   <li><b>reconciliation</b>: the backfill's listing again; profiles it no longer finds are deleted.</li>
 * </ul>
 * Version history is read ({@code versionList}) for portal candidates only; other documents record their official
 * version, which is all the portal needs of a document no client will see.
 *
 * <p>Assumptions (simulators/README.md): the workspace endpoint gets or creates, so the backfill asks only for pairs
 * the lookup tables list; the activity log needs a repository administrator's token.
 */
@Component
public class NetDocumentsDocumentSync extends NetDocumentsAdapter implements DocumentSync {

    static final String VENDOR = SourceSystem.NETDOCUMENTS.id();
    public static final String BACKFILL = "netdocuments_documents";
    public static final String DONE_PAIRS = "done_pairs";
    public static final String COMPLETE = "complete";
    public static final String SINCE = "since";
    public static final String STARTED_AT = "started_at";
    private static final Logger log = LoggerFactory.getLogger(NetDocumentsDocumentSync.class);

    private final DmsSyncSupport support;
    private final NetDocumentsClients clients;
    private final NetDocumentsContent source;

    public NetDocumentsDocumentSync(DmsSyncSupport support, NetDocumentsClients clients, NetDocumentsContent source) {
        this.support = support;
        this.clients = clients;
        this.source = source;
    }

    /** Backfill until complete, then one incremental pass. Returns the documents applied. */
    @Override
    public long poll(UUID firmId, UUID connectionId) {
        long n = backfill(firmId, connectionId);
        n += incremental(firmId, connectionId);
        TenantScope scope = TenantScope.system(firmId);
        support.recordPoll(scope.firmId(), connectionId);
        return n;
    }

    @Override
    public boolean backfillComplete(UUID firmId, UUID connectionId) {
        return support.tenancy().read(TenantScope.system(firmId), () -> support.cursors().find(connectionId, BACKFILL, "", SyncMode.BACKFILL)
                .map(c -> "true".equals(c.get(COMPLETE))).orElse(false));
    }

    @Override
    public void resetCursors(UUID firmId, UUID connectionId) {
        support.tenancy().writeVoid(TenantScope.system(firmId), () -> support.cursors().delete(connectionId, BACKFILL, "", SyncMode.BACKFILL));
    }

    long backfill(UUID firmId, UUID connectionId) {
        TenantScope scope = TenantScope.system(firmId);
        SyncCursor saved = support.tenancy().read(scope, () -> support.cursors().find(connectionId, BACKFILL, "", SyncMode.BACKFILL)).orElse(null);
        if (saved != null && "true".equals(saved.get(COMPLETE))) {
            return 0;
        }
        String startedAt = saved != null && saved.get(STARTED_AT) != null ? saved.get(STARTED_AT) : Instant.now().toString();
        Set<String> done = new HashSet<>(saved == null || saved.get(DONE_PAIRS) == null || saved.get(DONE_PAIRS).isEmpty()
                ? List.of() : List.of(saved.get(DONE_PAIRS).split("\n")));
        DmsConnections.Dms conn = support.connections().load(firmId, connectionId);
        NetDocumentsClient client = clients.client(firmId, connectionId);
        DmsMatterResolver resolver = support.tenancy().read(scope, () -> support.applier().resolver(conn.settings()));
        long applied = 0;
        for (String[] pair : pairs(client, conn.settings())) {
            String key = pair[0] + "/" + pair[1];
            if (done.contains(key)) {
                continue;
            }
            Listing listing = listWorkspace(client, conn.settings(), connectionId, pair[0], pair[1]);
            done.add(key);
            Map<String, String> position = new LinkedHashMap<>();
            position.put(STARTED_AT, startedAt);
            position.put(DONE_PAIRS, String.join("\n", done));
            applied += applyListing(scope, connectionId, conn.settings(), resolver, client, listing, () ->
                    support.cursors().save(connectionId, BACKFILL, "", SyncMode.BACKFILL, position, listing.documents.size()));
        }
        Map<String, String> position = Map.of(STARTED_AT, startedAt, COMPLETE, "true");
        support.tenancy().writeVoid(scope, () -> {
            support.cursors().save(connectionId, BACKFILL, "", SyncMode.BACKFILL, position, 0);
            if (support.cursors().find(connectionId, BACKFILL, "", SyncMode.INCREMENTAL).isEmpty()) {
                // The activity log is read from when the backfill began, so nothing changed meanwhile is missed.
                support.cursors().save(connectionId, BACKFILL, "", SyncMode.INCREMENTAL, Map.of(SINCE, startedAt), 0);
            }
        });
        log.info("NetDocuments backfill of connection {} complete: {} documents this run", connectionId, applied);
        return applied;
    }

    long incremental(UUID firmId, UUID connectionId) {
        TenantScope scope = TenantScope.system(firmId);
        SyncCursor saved = support.tenancy().read(scope, () -> support.cursors().find(connectionId, BACKFILL, "", SyncMode.INCREMENTAL)).orElse(null);
        if (saved == null) {
            return 0;
        }
        Instant since = Instant.parse(saved.get(SINCE));
        DmsConnections.Dms conn = support.connections().load(firmId, connectionId);
        NetDocumentsClient client = clients.client(firmId, connectionId);
        List<NetDocumentsLogEntry> entries = client.activitySince(since);
        if (entries.isEmpty()) {
            return 0;
        }
        Instant newest = entries.get(entries.size() - 1).date();
        Map<String, NetDocumentsLogEntry> lastByDocument = new LinkedHashMap<>();
        Set<String> newFolders = new LinkedHashSet<>();
        for (NetDocumentsLogEntry e : entries) {
            if (e.isDocument()) {
                lastByDocument.remove(e.objectId());
                lastByDocument.put(e.objectId(), e);
            } else if ("folder".equalsIgnoreCase(e.objectType()) && !e.isDelete()) {
                newFolders.add(e.objectId());
            }
        }
        Listing listing = new Listing();
        for (String folderId : newFolders) {
            container(client, connectionId, folderId).ifPresent(listing.containers::add);
        }
        Set<String> knownContainers = new HashSet<>();
        listing.containers.forEach(c -> knownContainers.add(c.externalId()));
        for (NetDocumentsLogEntry e : lastByDocument.values()) {
            if (e.isDelete()) {
                listing.tombstones.add(e.objectId());
                continue;
            }
            NetDocumentsItem item;
            try {
                item = client.getDocumentProfile(e.objectId());
            } catch (NetDocumentsNotFoundException gone) {
                listing.tombstones.add(e.objectId());
                continue;
            }
            String parent = item.standardAttributes() == null ? null : item.standardAttributes().parent();
            if (parent != null && !knownContainers.contains(parent)
                    && support.tenancy().read(scope, () -> support.dms().container(connectionId, parent)).isEmpty()) {
                container(client, connectionId, parent).ifPresent(listing.containers::add);
            }
            knownContainers.add(parent);
            listing.documents.add(item);
            if (parent != null) {
                listing.placements.put(item.id(), Set.of(parent));
            }
        }
        DmsMatterResolver resolver = support.tenancy().read(scope, () -> support.applier().resolver(conn.settings()));
        // Re-reading the newest second is harmless (applying is idempotent) and never loses an entry of that second.
        Map<String, String> position = Map.of(SINCE, newest.toString());
        return applyListing(scope, connectionId, conn.settings(), resolver, client, listing, () ->
                support.cursors().save(connectionId, BACKFILL, "", SyncMode.INCREMENTAL, position, entries.size()));
    }

    /** Lists every workspace again and deletes the profiles no longer found. Returns how many were. */
    @Override
    public int reconcile(UUID firmId, UUID connectionId) {
        DmsConnections.Dms conn = support.connections().load(firmId, connectionId);
        NetDocumentsClient client = clients.client(firmId, connectionId);
        Set<String> seen = new HashSet<>();
        for (String[] pair : pairs(client, conn.settings())) {
            Listing l = listWorkspace(client, conn.settings(), connectionId, pair[0], pair[1]);
            l.documents.forEach(d -> seen.add(d.id()));
        }
        return support.deleteMissing(firmId, connectionId, VENDOR, seen);
    }

    /** Everything one workspace holds, walked breadth-first. */
    private Listing listWorkspace(NetDocumentsClient client, DmsSettings settings, UUID connectionId, String clientKey,
                                  String matterKey) {
        Listing listing = new Listing();
        NetDocumentsItem ws = client.workspace(clientKey, matterKey);
        listing.containers.add(DmsSyncSupport.row(connectionId, NetDocumentsContainerMapper.workspace(ws, clientKey, matterKey)));
        List<String> queue = new ArrayList<>(List.of(ws.id()));
        while (!queue.isEmpty()) {
            String containerId = queue.remove(0);
            for (NetDocumentsItem item : client.listContainerAll(containerId)) {
                if (item.isDocument()) {
                    listing.documents.add(item);
                    listing.placements.computeIfAbsent(item.id(), k -> new LinkedHashSet<>()).add(containerId);
                } else {
                    listing.containers.add(DmsSyncSupport.row(connectionId,
                            NetDocumentsContainerMapper.folder(item, containerId, ws.id())));
                    queue.add(item.id());
                }
            }
        }
        return listing;
    }

    /** Applies a listing in one transaction with {@code saveCursor}, then copies the bytes candidates need. */
    private long applyListing(TenantScope scope, UUID connectionId, DmsSettings settings, DmsMatterResolver resolver,
                              NetDocumentsClient client, Listing listing, Runnable saveCursor) {
        // Candidates' version histories are read before the transaction (HTTP never runs inside one here).
        Map<String, String> folderNames = new HashMap<>();
        listing.containers.forEach(c -> folderNames.put(c.externalId(), c.name()));
        Set<String> unknown = new HashSet<>();
        listing.placements.values().forEach(s -> s.stream().filter(f -> !folderNames.containsKey(f)).forEach(unknown::add));
        if (!unknown.isEmpty()) {
            support.tenancy().read(scope, () -> support.dms().containers(connectionId, unknown)).forEach((id, c) -> folderNames.put(id, c.name()));
        }
        List<DmsProfile> profiles = new ArrayList<>();
        for (NetDocumentsItem item : listing.documents) {
            Set<String> names = new HashSet<>();
            listing.placements.getOrDefault(item.id(), Set.of()).forEach(f -> names.add(folderNames.getOrDefault(f, "")));
            boolean inPortal = settings.portalFolder() != null && names.stream().anyMatch(n -> n.equalsIgnoreCase(settings.portalFolder()));
            List<NetDocumentsVersion> history = inPortal ? client.listVersions(item.id()) : List.of();
            profiles.add(NetDocumentsDocumentMapper.profile(item, settings, history));
        }
        listing.tombstones.forEach(id -> profiles.add(DmsProfile.tombstone(id, Instant.now())));
        DmsDocumentApplier.Outcome outcome = support.tenancy().write(scope, () -> {
            support.dms().upsertContainers(listing.containers);
            listing.placements.forEach((doc, folders) -> support.dms().replacePlacements(connectionId, doc, folders));
            DmsDocumentApplier.Outcome o = support.applier().apply(connectionId, VENDOR, settings, resolver, profiles);
            saveCursor.run();
            return o;
        });
        support.count(VENDOR, connectionId, "documents", "poll", profiles.size());
        support.content().fetch(scope.firmId(), source, outcome.contentNeeded());
        return profiles.size();
    }

    private Optional<DmsRepository.Container> container(NetDocumentsClient client, UUID connectionId, String id) {
        try {
            return Optional.of(DmsSyncSupport.row(connectionId, NetDocumentsContainerMapper.folder(client.folderInfo(id))));
        } catch (NetDocumentsNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Client/matter pairs from the cabinet's lookup tables, in key order. */
    private static List<String[]> pairs(NetDocumentsClient client, DmsSettings settings) {
        int clientAttr = Integer.parseInt(settings.clientFieldOr("1"));
        int matterAttr = Integer.parseInt(settings.matterFieldOr("2"));
        List<String[]> out = new ArrayList<>();
        List<NetDocumentsLookupEntry> clients = new ArrayList<>(client.lookupValues(clientAttr));
        clients.sort(java.util.Comparator.comparing(NetDocumentsLookupEntry::key));
        for (NetDocumentsLookupEntry c : clients) {
            List<NetDocumentsLookupEntry> matters = new ArrayList<>(client.lookupChildValues(matterAttr, c.key()));
            matters.sort(java.util.Comparator.comparing(NetDocumentsLookupEntry::key));
            for (NetDocumentsLookupEntry m : matters) {
                out.add(new String[] {c.key(), m.key()});
            }
        }
        return out;
    }

    /** What one workspace listing or one activity pass found. */
    private static final class Listing {
        final List<DmsRepository.Container> containers = new ArrayList<>();
        final List<NetDocumentsItem> documents = new ArrayList<>();
        final Map<String, Set<String>> placements = new LinkedHashMap<>();
        final List<String> tombstones = new ArrayList<>();
    }
}
