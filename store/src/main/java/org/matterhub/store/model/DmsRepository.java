package org.matterhub.store.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
                              String folderId, String clientNumber, String matterNumber, String profileClass,
                              Integer latestVersion, String resolution, String resolutionDetail,
                              Instant sourceUpdatedAt, Instant firstSeenAt, Instant lastSeenAt, Instant deletedAt) {

        public DmsDocument withDocument(UUID id) {
            return new DmsDocument(connectionId, externalId, id, title, fileExtension, folderId, clientNumber,
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
            rs.getString("title"), rs.getString("file_extension"), rs.getString("folder_id"), rs.getString("client_number"),
            rs.getString("matter_number"), rs.getString("profile_class"), (Integer) rs.getObject("latest_version"),
            rs.getString("resolution"), rs.getString("resolution_detail"), instant(rs, "source_updated_at"),
            instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), instant(rs, "deleted_at"));

    private final JdbcTemplate jdbc;

    public DmsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        jdbc.query("select * from dms_document where connection_id = ? and external_id = any (?)", ps -> {
            ps.setObject(1, connectionId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", externalIds.toArray()));
        }, rs -> {
            DmsDocument d = DOCUMENT.mapRow(rs, 0);
            out.put(d.externalId(), d);
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
                insert into dms_document (firm_id, connection_id, external_id, document_id, title, file_extension, folder_id,
                                          client_number, matter_number, profile_class, latest_version, resolution,
                                          resolution_detail, source_updated_at, deleted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (connection_id, external_id) do update set document_id = excluded.document_id,
                    title = excluded.title, file_extension = excluded.file_extension, folder_id = excluded.folder_id,
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
            ps.setString(7, d.folderId());
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

    /** The version number in the portal of a DMS version, if recorded. */
    public Optional<Integer> versionNumberOf(UUID documentId, int sourceVersion) {
        return jdbc.queryForList("select version_number from document_version where document_id = ? and source_version = ?",
                Integer.class, documentId, sourceVersion).stream().findFirst();
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static List<String> ids(Collection<String> c) {
        return new ArrayList<>(c);
    }
}
