package org.matterhub.store.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Documents, their versions and what clients did about them. Every query is plain: row-level security (V2, V8)
 * decides what the caller sees — a client only documents in a client-visible state of matters whose
 * {@code documents} scope it holds, and of those only published versions; staff the documents of matters they
 * see. A method therefore answers "absent" for a document that does not exist and for one the caller may not
 * see alike.
 *
 * <p>Lifecycle rules that the DMS sync must share with the portal live here ({@link #addVersion}); the portal's
 * publication and client-action rules live with the API and use the primitives below in one transaction.
 */
@Repository
public class DocumentRepository {

    /** Document states a client may see (V8 {@code mh_client_visible_state}). */
    public static final Set<String> CLIENT_VISIBLE_STATES = Set.of("published", "client_approved", "changes_requested", "closed");

    /**
     * A document as the caller sees it.
     *
     * @param latestVersion      the highest version number the caller can see (for a client: the latest published)
     * @param matterConnectionId the practice-management connection the matter came from, if any
     */
    public record Document(UUID id, UUID matterId, String title, String category, String state, Integer latestVersion,
                           String sourceSystem, UUID sourceConnectionId, UUID matterConnectionId, String dmsFolder,
                           UUID publicationRequestedBy, Instant publicationRequestedAt, UUID approvedBy,
                           Instant approvedAt, UUID publishedBy, Instant publishedAt, Instant createdAt, Instant updatedAt) {

        public boolean clientVisible() {
            return CLIENT_VISIBLE_STATES.contains(state);
        }
    }

    public record Version(UUID id, UUID documentId, int versionNumber, boolean published, String fileName,
                          String contentType, Long sizeBytes, String storageKey, String sha256, Instant createdAt) {
    }

    public record Action(UUID id, UUID userId, String action, String comment, Instant createdAt) {
    }

    /** A search result: the caller's best-matching visible version of one document. */
    public record SearchHit(UUID documentId, UUID matterId, String matterDisplayNumber, String title, String category,
                            String state, Integer versionNumber, double rank, String snippet) {
    }

    /**
     * A document entering the portal store.
     *
     * @param state {@code internal} for a DMS document that is no portal candidate, {@code pending_review} for a
     *              candidate
     */
    public record NewDocument(UUID matterId, String title, String category, String state, String sourceSystem,
                              UUID sourceConnectionId, String dmsFolder) {
        public NewDocument {
            Objects.requireNonNull(title, "title");
            if (!"internal".equals(state) && !"pending_review".equals(state)) {
                throw new IllegalArgumentException("A document enters the store internal or pending_review, not " + state);
            }
        }
    }

    /**
     * A new version's metadata and extracted text (Tika, by the sync); the bytes are in the content store under
     * {@code storageKey}.
     */
    public record NewVersion(String fileName, String contentType, Long sizeBytes, String storageKey, String sha256,
                             String textContent) {
    }

    /** What {@link #addVersion} did. */
    public record VersionOutcome(int versionNumber, String stateBefore, String stateAfter, boolean published) {
    }

    private static final String DOCUMENT_COLUMNS = """
            d.id, d.matter_id, d.title, d.category, d.state,
            (select max(v.version_number) from document_version v where v.document_id = d.id) as latest_version,
            d.source_system, d.source_connection_id,
            (select m.source_connection_id from matter m where m.id = d.matter_id) as matter_connection_id,
            d.dms_folder, d.publication_requested_by, d.publication_requested_at, d.approved_by, d.approved_at,
            d.published_by, d.published_at, d.created_at, d.updated_at
            """;

    private static final RowMapper<Document> DOCUMENT = (rs, i) -> new Document(rs.getObject("id", UUID.class),
            rs.getObject("matter_id", UUID.class), rs.getString("title"), rs.getString("category"), rs.getString("state"),
            (Integer) rs.getObject("latest_version"), rs.getString("source_system"),
            rs.getObject("source_connection_id", UUID.class), rs.getObject("matter_connection_id", UUID.class),
            rs.getString("dms_folder"), rs.getObject("publication_requested_by", UUID.class),
            instant(rs, "publication_requested_at"), rs.getObject("approved_by", UUID.class), instant(rs, "approved_at"),
            rs.getObject("published_by", UUID.class), instant(rs, "published_at"), instant(rs, "created_at"),
            instant(rs, "updated_at"));

    private static final RowMapper<Version> VERSION = (rs, i) -> new Version(rs.getObject("id", UUID.class),
            rs.getObject("document_id", UUID.class), rs.getInt("version_number"), rs.getBoolean("published"),
            rs.getString("file_name"), rs.getString("content_type"), (Long) rs.getObject("size_bytes"),
            rs.getString("storage_key"), rs.getString("sha256"), instant(rs, "created_at"));

    private final JdbcTemplate jdbc;

    public DocumentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ reading

    public Optional<Document> find(UUID id) {
        return jdbc.query("select " + DOCUMENT_COLUMNS + " from document d where d.id = ? and d.deleted_at is null",
                DOCUMENT, id).stream().findFirst();
    }

    /** Finds and locks the document for the rest of the transaction (serialises concurrent transitions). */
    public Optional<Document> lock(UUID id) {
        List<UUID> locked = jdbc.queryForList("select id from document where id = ? and deleted_at is null for update",
                UUID.class, id);
        return locked.isEmpty() ? Optional.empty() : find(id);
    }

    public List<Document> listByMatter(UUID matterId, int limit, int offset) {
        return jdbc.query("select " + DOCUMENT_COLUMNS + " from document d where d.matter_id = ? and d.deleted_at is null "
                + "order by d.updated_at desc, d.id limit ? offset ?", DOCUMENT, matterId, limit, offset);
    }

    /** Documents the caller sees, optionally of one state and one matter; oldest change first (a work queue). */
    public List<Document> list(String state, UUID matterId, int limit, int offset) {
        return jdbc.query("select " + DOCUMENT_COLUMNS + " from document d where d.deleted_at is null "
                + "and (?::text is null or d.state = ?) and (?::uuid is null or d.matter_id = ?) "
                + "order by d.updated_at, d.id limit ? offset ?", DOCUMENT, state, state, matterId, matterId, limit, offset);
    }

    /** Versions the caller sees, newest first. */
    public List<Version> versions(UUID documentId) {
        return jdbc.query("select * from document_version where document_id = ? order by version_number desc",
                VERSION, documentId);
    }

    public Optional<Version> version(UUID documentId, int versionNumber) {
        return jdbc.query("select * from document_version where document_id = ? and version_number = ?", VERSION,
                documentId, versionNumber).stream().findFirst();
    }

    public List<Action> actions(UUID documentId) {
        return jdbc.query("select id, user_id, action, comment, created_at from document_action where document_id = ? "
                + "order by created_at, id", (rs, i) -> new Action(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getString(3), rs.getString(4), instant(rs, "created_at")), documentId);
    }

    /**
     * Full-text search (PostgreSQL, English configuration) over the versions the caller sees — each version's
     * search vector holds its document's title (weight A) and its extracted text (weight D) — best first by
     * {@code ts_rank}. One hit per document: its best-matching visible version; a document with no visible version
     * is not found. {@code query} is read with {@code websearch_to_tsquery}, so any input is
     * safe: quotes make phrases, {@code or} alternatives, {@code -word} exclusions.
     */
    public List<SearchHit> search(String query, int limit) {
        return jdbc.query("""
                with q as (select websearch_to_tsquery('english'::regconfig, ?) as q),
                best as (
                  select distinct on (d.id) d.id, d.matter_id, d.title, d.category, d.state, v.id as version_id,
                         v.version_number, ts_rank(v.search_vector, q.q) as rank
                    from q cross join document_version v
                    join document d on d.id = v.document_id
                   where v.search_vector @@ q.q and d.deleted_at is null
                   order by d.id, rank desc, v.version_number desc),
                top as (select * from best order by rank desc, title, id limit ?)
                select top.*, m.display_number,
                       case when v.text_content is null then null
                            else ts_headline('english'::regconfig, v.text_content, q.q,
                                             'StartSel="**", StopSel="**", MaxWords=24, MinWords=8, MaxFragments=2') end as snippet
                  from top cross join q
                  left join matter m on m.id = top.matter_id
                  left join document_version v on v.id = top.version_id
                 order by top.rank desc, top.title, top.id
                """, (rs, i) -> new SearchHit(rs.getObject("id", UUID.class), rs.getObject("matter_id", UUID.class),
                rs.getString("display_number"), rs.getString("title"), rs.getString("category"), rs.getString("state"),
                (Integer) rs.getObject("version_number"), rs.getDouble("rank"), rs.getString("snippet")), query, limit);
    }

    // ------------------------------------------------------------------ firm settings

    /** Whether the caller's firm wants a second, different staff user to approve each publication. */
    public boolean requiresSecondApproval() {
        return jdbc.queryForList("select requires_second_approval from firm", Boolean.class).stream()
                .anyMatch(Boolean.TRUE::equals);
    }

    public void setRequiresSecondApproval(boolean required) {
        jdbc.update("update firm set requires_second_approval = ?", required);
    }

    /** Whether new DMS versions of this matter's published documents are published without review. */
    public void setAutoPublish(UUID matterId, boolean autoPublish) {
        jdbc.update("update matter set documents_auto_publish = ? where id = ?", autoPublish, matterId);
    }

    // ------------------------------------------------------------------ the sync's side

    /** Adds a document (firm side: the DMS sync, or a client upload once filed). */
    public UUID create(NewDocument d) {
        return jdbc.queryForObject("""
                insert into document (firm_id, matter_id, title, category, state, source_system, source_connection_id, dms_folder)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                """, UUID.class, firm(), d.matterId(), d.title(), d.category(), d.state(),
                d.sourceSystem() == null ? "portal" : d.sourceSystem(), d.sourceConnectionId(), d.dmsFolder());
    }

    /**
     * Records a new version from the firm (the DMS sync calls this, firm side). The version becomes the document's
     * current one and starts unpublished. A document the client could see goes back to {@code pending_review} —
     * access ends until staff publish again, its publication approvals are void — unless the matter is configured
     * to auto-publish, in which case the new version is published at once and the document is {@code published}
     * again (a client's earlier approval or change request concerned the previous version). A pending publication
     * approval of a document still in review is void too: it approved other content.
     */
    public VersionOutcome addVersion(UUID documentId, NewVersion v) {
        String stateBefore = jdbc.queryForObject("select state from document where id = ? for update", String.class, documentId);
        boolean autoPublish = Boolean.TRUE.equals(jdbc.queryForObject("select coalesce((select m.documents_auto_publish "
                + "from matter m join document d on d.matter_id = m.id where d.id = ?), false)", Boolean.class, documentId));
        int number = jdbc.queryForObject("select coalesce(max(version_number), 0) + 1 from document_version where document_id = ?",
                Integer.class, documentId);
        boolean wasVisible = CLIENT_VISIBLE_STATES.contains(stateBefore);
        boolean publish = wasVisible && autoPublish;
        jdbc.update("""
                insert into document_version (firm_id, document_id, version_number, published, file_name, content_type,
                                              size_bytes, storage_key, sha256, text_content)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, firm(), documentId, number, publish, v.fileName(), v.contentType(), v.sizeBytes(), v.storageKey(),
                v.sha256(), v.textContent());
        String stateAfter = wasVisible ? (publish ? "published" : "pending_review") : stateBefore;
        jdbc.update("""
                update document set current_version = ?, state = ?, updated_at = now(),
                       publication_requested_by = case when ?::boolean then publication_requested_by end,
                       publication_requested_at = case when ?::boolean then publication_requested_at end,
                       approved_by = case when ?::boolean then approved_by end,
                       approved_at = case when ?::boolean then approved_at end,
                       published_at = case when ?::boolean then now() else published_at end
                 where id = ?
                """, number, stateAfter, publish, publish, publish, publish, publish, documentId);
        return new VersionOutcome(number, stateBefore, stateAfter, publish);
    }

    /** Stores the text extracted from a version, which feeds the search vector. */
    public void setVersionText(UUID documentId, int versionNumber, String text) {
        jdbc.update("update document_version set text_content = ? where document_id = ? and version_number = ?",
                text, documentId, versionNumber);
    }

    // ------------------------------------------------------------------ publication (firm side)

    /** The first of two approvals of a publication: the document waits in {@code pending_review}. */
    public void requestPublication(UUID documentId, UUID staffUserId) {
        jdbc.update("update document set state = 'pending_review', publication_requested_by = ?, "
                + "publication_requested_at = now(), approved_by = null, approved_at = null, updated_at = now() where id = ?",
                staffUserId, documentId);
    }

    /**
     * Publishes the document and its current version. With {@code secondApprover} the publication completes a
     * pending first approval (the database refuses the first approver as second).
     */
    public void publish(UUID documentId, UUID publisher, boolean secondApprover) {
        jdbc.update("""
                update document set state = 'published', published_by = ?::uuid, published_at = now(),
                       publication_requested_by = case when ?::boolean then publication_requested_by else ?::uuid end,
                       publication_requested_at = case when ?::boolean then publication_requested_at else now() end,
                       approved_by = case when ?::boolean then ?::uuid end, approved_at = case when ?::boolean then now() end,
                       unpublished_by = null, unpublished_at = null, updated_at = now()
                 where id = ?
                """, publisher, secondApprover, publisher, secondApprover, secondApprover, publisher, secondApprover, documentId);
        jdbc.update("update document_version v set published = true from document d "
                + "where d.id = v.document_id and v.document_id = ? and v.version_number = d.current_version", documentId);
    }

    /** Withdraws a publication: access ends with this transaction's commit. Versions keep their flags. */
    public void unpublish(UUID documentId, UUID staffUserId) {
        jdbc.update("update document set state = 'unpublished', unpublished_by = ?, unpublished_at = now(), "
                + "publication_requested_by = null, publication_requested_at = null, approved_by = null, approved_at = null, "
                + "updated_at = now() where id = ?", staffUserId, documentId);
    }

    /** Withdraws a pending first approval; the document stays in review. */
    public void withdrawPublicationRequest(UUID documentId) {
        jdbc.update("update document set publication_requested_by = null, publication_requested_at = null, "
                + "updated_at = now() where id = ?", documentId);
    }

    // ------------------------------------------------------------------ client actions

    /**
     * Moves a document the caller sees from one of {@code from} to {@code to}; false when it is in no state of
     * {@code from} (the caller then answers a conflict). Clients are held to their transitions by the database too.
     */
    public boolean transition(UUID documentId, Set<String> from, String to) {
        return jdbc.update("update document set state = ?, updated_at = now() where id = ? and state = any (?)",
                ps -> {
                    ps.setString(1, to);
                    ps.setObject(2, documentId);
                    ps.setArray(3, ps.getConnection().createArrayOf("text", from.toArray()));
                }) == 1;
    }

    /** Records a client's action (no RETURNING: the client's own transaction may add, and read back by id). */
    public UUID addAction(UUID documentId, UUID userId, String action, String comment) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into document_action (id, firm_id, document_id, user_id, action, comment) values (?, ?, ?, ?, ?, ?)",
                id, firm(), documentId, userId, action, comment);
        return id;
    }

    /** A timeline entry on the document's matter; client callers may add client-visible {@code document.*} entries only. */
    public void addMilestone(UUID matterId, String kind, String title, boolean clientVisible) {
        jdbc.update("insert into matter_milestone (firm_id, matter_id, kind, title, occurred_at, client_visible) "
                + "values (?, ?, ?, ?, now(), ?)", firm(), matterId, kind, title, clientVisible);
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
