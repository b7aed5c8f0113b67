package org.matterhub.store.model;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Uploads through the portal (V10), in the uploader's own scope: a client's upload is checked by row-level security
 * ({@code client_upload} policies), not by this class. No statement here uses RETURNING, so a client transaction
 * only ever adds rows its policies allow and reads back what V8 lets it read.
 */
@Repository
public class UploadRepository {

    /** Category of every client upload (mappings' {@code DocumentCategory.CLIENT_UPLOADS}). */
    public static final String CLIENT_UPLOADS = "client_uploads";

    /**
     * A new portal document of one version whose bytes are already stored.
     *
     * @param id          chosen by the caller (the storage key names it before the row exists)
     * @param state       {@code published} for a client's upload (V10 explains why), {@code pending_review} for staff
     * @param uploadedBy  the portal user who uploaded it
     * @param textContent text for search, or null
     */
    public record NewUpload(UUID id, UUID matterId, String title, String category, String state, UUID uploadedBy,
                            String fileName, String contentType, long sizeBytes, String storageKey, String sha256,
                            String textContent) {
        public NewUpload {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(matterId, "matterId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(storageKey, "storageKey");
            if (!"published".equals(state) && !"pending_review".equals(state)) {
                throw new IllegalArgumentException("An upload enters published or pending_review, not " + state);
            }
        }
    }

    private final JdbcTemplate jdbc;

    public UploadRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The caller's firm's upload limit in bytes, if the firm set one. */
    public Optional<Long> firmUploadLimit() {
        return jdbc.queryForList("select upload_max_bytes from firm where id = ?", Long.class, firm()).stream()
                .filter(Objects::nonNull).findFirst();
    }

    /** Sets (or with null clears) the firm's upload limit; firm side. */
    public void setFirmUploadLimit(Long maxBytes) {
        jdbc.update("update firm set upload_max_bytes = ? where id = ?", maxBytes, firm());
    }

    /**
     * Whether the caller may add documents to the matter: a client needs the matter's {@code documents} scope (the
     * same rule that decides what it reads, V2 {@code mh_client_matter_section}); firm callers need to see the matter.
     */
    public boolean mayAddDocuments(UUID matterId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select case when mh_actor() = 'client' then mh_client_matter_section(?, 'documents')
                            else exists (select 1 from matter m where m.id = ? and m.deleted_at is null) end
                """, Boolean.class, matterId, matterId));
    }

    /** The e-mail of the matter's responsible attorney (the fee earner), if the matter names one. */
    public Optional<String> responsibleAttorneyEmail(UUID matterId) {
        return jdbc.queryForList("select responsible_attorney_email from matter where id = ?", String.class, matterId)
                .stream().filter(Objects::nonNull).findFirst();
    }

    /** Adds the document and its version 1 (current). A published upload's version is published with it. */
    public void insert(NewUpload u) {
        boolean published = "published".equals(u.state());
        jdbc.update("""
                insert into document (id, firm_id, matter_id, title, category, state, source_system, uploaded_by,
                                      current_version, published_at)
                values (?, ?, ?, ?, ?, ?, 'portal', ?, 1, case when ?::boolean then now() end)
                """, u.id(), firm(), u.matterId(), u.title(), u.category(), u.state(), u.uploadedBy(), published);
        jdbc.update("""
                insert into document_version (firm_id, document_id, version_number, published, file_name, content_type,
                                              size_bytes, storage_key, sha256, text_content)
                values (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
                """, firm(), u.id(), published, u.fileName(), u.contentType(), u.sizeBytes(), u.storageKey(), u.sha256(),
                u.textContent());
    }

    /**
     * Notifies a firm user, named by e-mail (the database resolves the portal user). Returns the notification's id.
     *
     * @param recipientEmail null when the matter names no responsible attorney
     */
    public UUID notify(String recipientEmail, UUID matterId, String kind, String subjectType, UUID subjectId, String title,
                       String detail) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into notification (id, firm_id, recipient_email, matter_id, kind, subject_type, subject_id, title,
                                          detail, actor_user_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, firm(), recipientEmail, matterId, kind, subjectType, subjectId, title, detail,
                TenantContext.current().orElseThrow().userId());
        return id;
    }

    /**
     * Serialises the filing of uploads into one DMS workspace across nodes until the transaction ends: two uploads of
     * one matter must not both create the workspace's upload folder.
     */
    public void lockFiling(UUID connectionId, String workspaceId) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?))", "dms-filing:" + connectionId + ":" + workspaceId);
    }

    /** Ties a filed upload to the DMS connection and folder it now lives in (firm side). */
    public void markFiled(UUID documentId, UUID connectionId, String folderName) {
        jdbc.update("update document set source_connection_id = ?, dms_folder = ?, updated_at = now() where id = ?",
                connectionId, folderName, documentId);
    }

    private static UUID firm() {
        return TenantContext.current().orElseThrow().firmId();
    }
}
