package org.matterhub.store.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * What the hub knows of a document-management connection (V9): its workspaces and folders, every document profile
 * it reported and how that profile resolved to a matter. Firm side only (sync, ops, staff); clients read nothing
 * here.
 */
@Repository
public class DmsRepository {

    /** A workspace or folder. */
    public record Container(UUID connectionId, String externalId, String kind, String name, String parentId,
                            String workspaceId, String clientNumber, String matterNumber) {
    }

    /** A DMS document profile as last seen. */
    public record DmsDocument(UUID connectionId, String externalId, UUID documentId, String title, String fileExtension,
                              String folderName, String clientNumber, String matterNumber, String profileClass,
                              Integer latestVersion, String resolution, String resolutionDetail,
                              Instant sourceUpdatedAt, Instant firstSeenAt, Instant lastSeenAt, Instant deletedAt) {

        public DmsDocument withDocument(UUID id) {
            return new DmsDocument(connectionId, externalId, id, title, fileExtension, folderName, clientNumber,
                    matterNumber, profileClass, latestVersion, resolution, resolutionDetail, sourceUpdatedAt,
                    firstSeenAt, lastSeenAt, deletedAt);
        }
    }

    /** A portal matter as DMS matter resolution needs it. */
    public record MatterKey(UUID id, String number, String displayNumber, String clientOrgName) {
    }

    private static final RowMapper<Container> CONTAINER = (rs, i) -> new Container(rs.getObject("connection_id", UUID.class),
            rs.getString("external_id"), rs.getString("kind"), rs.getString("name"), rs.getString("parent_id"),
            rs.getString("workspace_id"), rs.getString("client_number"), rs.getString("matter_number"));

    private static final RowMapper<DmsDocument> DOCUMENT = (rs, i) -> new DmsDocument(
            rs.getObject("connection_id", UUID.class), rs.getString("external_id"), rs.getObject("document_id", UUID.class),
            rs.getString("title"), rs.getString("file_extension"), rs.getString("folder_name"), rs.getString("client_number"),
            rs.getString("matter_number"), rs.getString("profile_class"), (Integer) rs.getObject("latest_version"),
            rs.getString("resolution"), rs.getString("resolution_detail"), instant(rs, "source_updated_at"),
            instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), instant(rs, "deleted_at"));

    private final JdbcTemplate jdbc;

    public DmsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises writers of one connection's documents until the transaction ends (a scheduled poll, an ops-triggered
     * one, the upload handler): each then sees what the other committed, so no profile becomes two portal documents.
     */
    public void lockConnection(UUID connectionId) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended('dms:' || ?::text, 0))", Object.class,
                connectionId.toString());
    }

    // ------------------------------------------------------------------ containers

    public void upsertContainers(List<Container> containers) {
        if (containers.isEmpty()) {
            return;
        }
        UUID firm = firm();
        jdbc.batchUpdate("""
                insert into dms_container (firm_id, connection_id, external_id, kind, name, parent_id, workspace_id,
                                           client_number, matter_number)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (connection_id, external_id) do update set kind = excluded.kind, name = excluded.name,
                    parent_id = coalesce(excluded.parent_id, dms_container.parent_id),
                    workspace_id = coalesce(excluded.workspace_id, dms_container.workspace_id),
                    client_number = coalesce(excluded.client_number, dms_container.client_number),
                    matter_number = coalesce(excluded.matter_number, dms_container.matter_number), updated_at = now()
                """, containers, 500, (ps, c) -> {
            ps.setObject(1, firm);
            ps.setObject(2, c.connectionId());
            ps.setString(3, c.externalId());
            ps.setString(4, c.kind());
            ps.setString(5, c.name());
            ps.setString(6, c.parentId());
            ps.setString(7, c.workspaceId());
            ps.setString(8, c.clientNumber());
            ps.setString(9, c.matterNumber());
        });
    }

    public Map<String, Container> containers(UUID connectionId, Collection<String> externalIds) {
        Map<String, Container> out = new HashMap<>();
        if (externalIds.isEmpty()) {
            return out;
        }
        jdbc.query("select * from dms_container where connection_id = ? and external_id = any (?)", ps -> {
            ps.setObject(1, connectionId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", externalIds.toArray()));
        }, rs -> {
            Container c = CONTAINER.mapRow(rs, 0);
            out.put(c.externalId(), c);
        });
        return out;
    }

    public Optional<Container> container(UUID connectionId, String externalId) {
        return Optional.ofNullable(containers(connectionId, List.of(externalId)).get(externalId));
    }

    /** A matter's workspace, by the numbers the DMS files it under. */
    public Optional<Container> workspace(UUID connectionId, String clientNumber, String matterNumber) {
        return jdbc.query("select * from dms_container where connection_id = ? and kind = 'workspace' "
                + "and upper(matter_number) = upper(?) and (?::text is null or upper(client_number) = upper(?)) "
                + "order by external_id limit 1", CONTAINER, connectionId, matterNumber, clientNumber, clientNumber)
                .stream().findFirst();
    }

    /** A folder of the given name directly in the given workspace or folder. */
    public Optional<Container> childFolder(UUID connectionId, String parentId, String name) {
        return jdbc.query("select * from dms_container where connection_id = ? and kind = 'folder' and parent_id = ? "
                + "and lower(name) = lower(?) order by external_id limit 1", CONTAINER, connectionId, parentId, name)
                .stream().findFirst();
    }

    // ------------------------------------------------------------------ documents

    public Map<String, DmsDocument> documents(UUID connectionId, Collection<String> externalIds) {
        Map<String, DmsDocument> out = new HashMap<>();
        if (externalIds.isEmpty()) {
            return out;
        }
        jdbc.query("select * from dms_document where connection_id = ? and external_key = any (?)", ps -> {
            ps.setObject(1, connectionId);
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", keys(externalIds)));
        }, rs -> {
            DmsDocument d = DOCUMENT.mapRow(rs, 0);
            if (externalIds.contains(d.externalId())) {
                out.put(d.externalId(), d);
            }
        });
        return out;
    }

    public Optional<DmsDocument> document(UUID connectionId, String externalId) {
        return Optional.ofNullable(documents(connectionId, List.of(externalId)).get(externalId));
    }

    /** The DMS profile a portal document came from. */
    public Optional<DmsDocument> byPortalDocument(UUID documentId) {
        return jdbc.query("select * from dms_document where document_id = ? limit 1", DOCUMENT, documentId).stream().findFirst();
    }

    /** Inserts or replaces profiles (a tombstone clears when the profile is seen again). */
    public void upsertDocuments(List<DmsDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        UUID firm = firm();
        jdbc.batchUpdate("""
                insert into dms_document (firm_id, connection_id, external_id, document_id, title, file_extension, folder_name,
                                          client_number, matter_number, profile_class, latest_version, resolution,
                                          resolution_detail, source_updated_at, deleted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (connection_id, external_id) do update set document_id = excluded.document_id,
                    title = excluded.title, file_extension = excluded.file_extension, folder_name = excluded.folder_name,
                    client_number = excluded.client_number, matter_number = excluded.matter_number,
                    profile_class = excluded.profile_class, latest_version = excluded.latest_version,
                    resolution = excluded.resolution, resolution_detail = excluded.resolution_detail,
                    source_updated_at = excluded.source_updated_at, deleted_at = excluded.deleted_at, last_seen_at = now()
                """, documents, 500, (ps, d) -> {
            ps.setObject(1, firm);
            ps.setObject(2, d.connectionId());
            ps.setString(3, d.externalId());
            ps.setObject(4, d.documentId());
            ps.setString(5, d.title());
            ps.setString(6, d.fileExtension());
            ps.setString(7, d.folderName());
            ps.setString(8, d.clientNumber());
            ps.setString(9, d.matterNumber());
            ps.setString(10, d.profileClass());
            ps.setObject(11, d.latestVersion());
            ps.setString(12, d.resolution());
            ps.setString(13, d.resolutionDetail());
            ps.setTimestamp(14, d.sourceUpdatedAt() == null ? null : Timestamp.from(d.sourceUpdatedAt()));
            ps.setTimestamp(15, d.deletedAt() == null ? null : Timestamp.from(d.deletedAt()));
        });
    }

    /** Live (not deleted) external ids of a connection, for reconciliation. */
    public Set<String> liveExternalIds(UUID connectionId) {
        return new HashSet<>(jdbc.queryForList("select external_id from dms_document where connection_id = ? "
                + "and deleted_at is null", String.class, connectionId));
    }

    /** Profiles that resolved to no matter, newest first (ops). */
    public List<DmsDocument> unresolved(UUID connectionId, int limit, int offset) {
        return jdbc.query("select * from dms_document where resolution <> 'resolved' and deleted_at is null "
                + "and (?::uuid is null or connection_id = ?) order by last_seen_at desc, external_id limit ? offset ?",
                DOCUMENT, connectionId, connectionId, limit, offset);
    }

    public long unresolvedCount(UUID connectionId) {
        Long n = jdbc.queryForObject("select count(*) from dms_document where resolution <> 'resolved' "
                + "and deleted_at is null and (?::uuid is null or connection_id = ?)", Long.class, connectionId, connectionId);
        return n == null ? 0 : n;
    }

    // ------------------------------------------------------------------ placements

    /** Records that documents are filed in folders (idempotent). */
    public void addPlacements(UUID connectionId, Map<String, Set<String>> foldersByDocument) {
        List<String[]> rows = new java.util.ArrayList<>();
        foldersByDocument.forEach((doc, folders) -> folders.forEach(f -> rows.add(new String[] {doc, f})));
        if (rows.isEmpty()) {
            return;
        }
        UUID firm = firm();
        jdbc.batchUpdate("insert into dms_placement (firm_id, connection_id, document_external_id, folder_id) "
                + "values (?, ?, ?, ?) on conflict do nothing", rows, 500, (ps, r) -> {
            ps.setObject(1, firm);
            ps.setObject(2, connectionId);
            ps.setString(3, r[0]);
            ps.setString(4, r[1]);
        });
    }

    /** Replaces where one document is filed (a listing that saw all its folders). */
    public void replacePlacements(UUID connectionId, String documentExternalId, Set<String> folderIds) {
        jdbc.update("delete from dms_placement where connection_id = ? and document_external_id = ?", connectionId,
                documentExternalId);
        addPlacements(connectionId, Map.of(documentExternalId, folderIds));
    }

    /** The names of the folders each document is filed in. */
    public Map<String, Set<String>> placementNames(UUID connectionId, Collection<String> documentExternalIds) {
        Map<String, Set<String>> out = new HashMap<>();
        if (documentExternalIds.isEmpty()) {
            return out;
        }
        jdbc.query("select p.document_external_id, p.folder_id, c.name from dms_placement p "
                + "left join dms_container c on c.connection_id = p.connection_id and c.external_id = p.folder_id "
                + "where p.connection_id = ? and p.document_key = any (?)", ps -> {
            ps.setObject(1, connectionId);
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", keys(documentExternalIds)));
        }, rs -> {
            if (!documentExternalIds.contains(rs.getString(1))) {
                return;
            }
            out.computeIfAbsent(rs.getString(1), k -> new java.util.LinkedHashSet<>())
                    .add(rs.getString(3) == null ? "#" + rs.getString(2) : rs.getString(3));
        });
        return out;
    }

    /** The folder ids each document is filed in. */
    public Map<String, Set<String>> placements(UUID connectionId, Collection<String> documentExternalIds) {
        Map<String, Set<String>> out = new HashMap<>();
        if (documentExternalIds.isEmpty()) {
            return out;
        }
        jdbc.query("select document_external_id, folder_id from dms_placement where connection_id = ? "
                + "and document_key = any (?)", ps -> {
            ps.setObject(1, connectionId);
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", keys(documentExternalIds)));
        }, rs -> {
            if (!documentExternalIds.contains(rs.getString(1))) {
                return;
            }
            out.computeIfAbsent(rs.getString(1), k -> new java.util.LinkedHashSet<>()).add(rs.getString(2));
        });
        return out;
    }

    // ------------------------------------------------------------------ bulk import of new documents

    /** A new portal document with its id chosen by the caller (bulk backfill). */
    public record NewPortalDocument(UUID id, UUID matterId, String title, String category, String state,
                                    String sourceSystem, UUID sourceConnectionId, String dmsFolder, Integer currentVersion) {
    }

    /** A version's metadata (bytes and text come later, for candidates only). */
    public record NewPortalVersion(UUID documentId, int versionNumber, int sourceVersion, String fileName,
                                   String contentType, Long sizeBytes, Instant createdAt) {
    }

    /** Inserts documents in batches: the backfill's fast path for documents the portal has never seen. */
    public void insertDocuments(List<NewPortalDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        UUID firm = firm();
        jdbc.batchUpdate("""
                insert into document (id, firm_id, matter_id, title, category, state, source_system, source_connection_id,
                                      dms_folder, current_version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, documents, 1000, (ps, d) -> {
            ps.setObject(1, d.id());
            ps.setObject(2, firm);
            ps.setObject(3, d.matterId());
            ps.setString(4, d.title());
            ps.setString(5, d.category());
            ps.setString(6, d.state());
            ps.setString(7, d.sourceSystem());
            ps.setObject(8, d.sourceConnectionId());
            ps.setString(9, d.dmsFolder());
            ps.setObject(10, d.currentVersion());
        });
    }

    /** Inserts unpublished versions in batches. */
    public void insertVersions(List<NewPortalVersion> versions) {
        if (versions.isEmpty()) {
            return;
        }
        UUID firm = firm();
        jdbc.batchUpdate("""
                insert into document_version (firm_id, document_id, version_number, source_version, published, file_name,
                                              content_type, size_bytes, created_at)
                values (?, ?, ?, ?, false, ?, ?, ?, coalesce(?, now()))
                """, versions, 1000, (ps, v) -> {
            ps.setObject(1, firm);
            ps.setObject(2, v.documentId());
            ps.setInt(3, v.versionNumber());
            ps.setInt(4, v.sourceVersion());
            ps.setString(5, v.fileName());
            ps.setString(6, v.contentType());
            ps.setObject(7, v.sizeBytes());
            ps.setTimestamp(8, v.createdAt() == null ? null : Timestamp.from(v.createdAt()));
        });
    }

    /**
     * A document's profile changed in the DMS: title, category, matter and folder follow it. A client upload
     * ({@code source_system = 'portal'}) keeps what the portal gave it: the DMS holds a filed copy of it.
     */
    public void updateProfile(UUID documentId, UUID matterId, String title, String category, String dmsFolder) {
        jdbc.update("update document set matter_id = ?, title = ?, category = ?, dms_folder = ?, updated_at = now() "
                + "where id = ? and source_system <> 'portal' and (matter_id is distinct from ? or title is distinct from ? "
                + "or category is distinct from ? or dms_folder is distinct from ?)", matterId, title, category, dmsFolder,
                documentId, matterId, title, category, dmsFolder);
    }

    /**
     * Moves a document between firm-only states because its candidacy changed: {@code internal → pending_review}
     * when it became a portal candidate, {@code pending_review → internal} when it stopped being one. Returns
     * whether it moved. Published documents are left to staff (unpublish); uploads through the portal are not DMS
     * candidates at all (they are filed in the uploads folder and keep the state the portal gave them).
     */
    public boolean setCandidate(UUID documentId, boolean candidate) {
        return jdbc.update("update document set state = ?, publication_requested_by = null, publication_requested_at = null, "
                + "updated_at = now() where id = ? and state = ? and source_system <> 'portal'",
                candidate ? "pending_review" : "internal", documentId, candidate ? "internal" : "pending_review") == 1;
    }

    /**
     * Withdraws a document whose profile no longer resolves to its matter: clients lose it at once. An upload through
     * the portal stays with the matter it was uploaded to.
     */
    public boolean withdraw(UUID documentId) {
        return jdbc.update("update document set state = 'internal', updated_at = now(), publication_requested_by = null, "
                + "publication_requested_at = null, approved_by = null, approved_at = null where id = ? and state <> 'internal' "
                + "and source_system <> 'portal'", documentId) == 1;
    }

    /** The DMS deleted the document: it disappears from the portal for everyone. */
    public void markDocumentDeleted(UUID documentId) {
        jdbc.update("update document set deleted_at = now(), updated_at = now() where id = ? and deleted_at is null", documentId);
    }

    /** Marks profiles deleted (a tombstone, a delete event, or absence from a complete reconciliation listing). */
    public void markDeleted(UUID connectionId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return;
        }
        jdbc.update("update dms_document set deleted_at = now() where connection_id = ? and external_id = any (?) "
                + "and deleted_at is null", ps -> {
            ps.setObject(1, connectionId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", externalIds.toArray()));
        });
    }

    /** A document's state and current version, as the sync needs them. */
    public record DocumentState(UUID id, String state, Integer currentVersion, boolean hasContent) {
    }

    public Map<UUID, DocumentState> documentStates(Collection<UUID> documentIds) {
        Map<UUID, DocumentState> out = new HashMap<>();
        if (documentIds.isEmpty()) {
            return out;
        }
        jdbc.query("select d.id, d.state, d.current_version, exists (select 1 from document_version v where v.document_id = d.id "
                + "and v.version_number = d.current_version and v.storage_key is not null) from document d "
                + "where d.id = any (?) and d.deleted_at is null", ps -> ps.setArray(1,
                ps.getConnection().createArrayOf("uuid", documentIds.toArray())), rs -> {
            UUID id = rs.getObject(1, UUID.class);
            out.put(id, new DocumentState(id, rs.getString(2), (Integer) rs.getObject(3), rs.getBoolean(4)));
        });
        return out;
    }

    // ------------------------------------------------------------------ matters and versions

    /** Every matter of the firm with its client organisation's name: the resolver's snapshot. */
    public List<MatterKey> matterKeys() {
        return jdbc.query("select m.id, m.number, m.display_number, o.name from matter m "
                + "left join client_org o on o.id = m.client_org_id", (rs, i) -> new MatterKey(rs.getObject(1, UUID.class),
                rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** The DMS version numbers already recorded for each of the given portal documents. */
    public Map<UUID, Set<Integer>> sourceVersions(Collection<UUID> documentIds) {
        Map<UUID, Set<Integer>> out = new HashMap<>();
        if (documentIds.isEmpty()) {
            return out;
        }
        jdbc.query("select document_id, source_version from document_version where document_id = any (?) "
                + "and source_version is not null", ps -> ps.setArray(1,
                ps.getConnection().createArrayOf("uuid", documentIds.toArray())), rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(rs.getInt(2));
        });
        return out;
    }

    /** Ties a portal version to the DMS's version number. */
    public void setSourceVersion(UUID documentId, int versionNumber, int sourceVersion) {
        jdbc.update("update document_version set source_version = ? where document_id = ? and version_number = ?",
                sourceVersion, documentId, versionNumber);
    }

    /** Versions of a document whose bytes are not stored yet, newest first. */
    public List<Integer> versionsWithoutContent(UUID documentId) {
        return jdbc.queryForList("select version_number from document_version where document_id = ? and storage_key is null "
                + "order by version_number desc", Integer.class, documentId);
    }

    /** Records where a version's bytes are, and their text for search. */
    public void setVersionContent(UUID documentId, int versionNumber, String storageKey, long size, String sha256,
                                  String contentType, String text) {
        jdbc.update("update document_version set storage_key = ?, size_bytes = ?, sha256 = ?, "
                + "content_type = coalesce(?, content_type), text_content = ? where document_id = ? and version_number = ?",
                storageKey, size, sha256, contentType, text, documentId, versionNumber);
    }

    /** Whether a version already has extracted text (search). */
    public boolean versionHasText(UUID documentId, int versionNumber) {
        return !jdbc.queryForList("select 1 from document_version where document_id = ? and version_number = ? "
                + "and text_content is not null", Integer.class, documentId, versionNumber).isEmpty();
    }

    /** The version number in the portal of a DMS version, if recorded. */
    public Optional<Integer> versionNumberOf(UUID documentId, int sourceVersion) {
        return jdbc.queryForList("select version_number from document_version where document_id = ? and source_version = ?",
                Integer.class, documentId, sourceVersion).stream().findFirst();
    }

    /**
     * The lookup keys of external ids, as V9 computes them ({@code md5(id)::uuid}). Row-level security keeps text
     * comparisons out of index conditions (they are not leakproof), so a page of a large connection would otherwise
     * scan every row of the connection; uuid comparisons use the index.
     */
    static Object[] keys(Collection<String> externalIds) {
        java.security.MessageDigest md5;
        try {
            md5 = java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return externalIds.stream().map(id -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(md5.digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return new UUID(b.getLong(), b.getLong());
        }).toArray();
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
