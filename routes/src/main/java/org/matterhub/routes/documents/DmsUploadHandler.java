package org.matterhub.routes.documents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.portal.documents.DocumentContentStore;
import org.matterhub.portal.documents.DocumentUploadController;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.engine.QueueHandler;
import org.matterhub.routes.engine.VendorErrorClassifier;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.DmsRepository.DmsDocument;
import org.matterhub.store.model.UploadRepository;
import org.matterhub.store.sync.OutboxEntry;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Files a client upload ({@code document.upload} outbox row) into the matter's DMS workspace, in the folder the
 * connection's settings name, exactly once. Runs in the transaction that holds the row's lock; filings into one
 * workspace are serialised (an advisory lock), so two uploads never both create the folder.
 *
 * <p>Exactly once, although neither DMS has an idempotency key: the vendor's {@link UploadFiler} first looks for the
 * document an earlier attempt created (its response lost, its transaction killed before the commit) and uploads
 * only when there is none. What the DMS now holds is recorded in the same transaction that marks the row delivered:
 * the {@code dms_document} profile tied to the portal document (resolution {@code resolved}), its placement in the
 * folder, and the portal version 1's {@code source_version} — so the DMS inbound sync recognises the document as the
 * portal's own instead of importing it a second time, and the portal document then belongs to the connection
 * ({@code source_connection_id}, {@code dms_folder}) like any DMS document.
 */
@Component
public class DmsUploadHandler extends QueueHandler<OutboxEntry> implements QueueDrainer.OutboxHandler {

    private static final Logger log = LoggerFactory.getLogger(DmsUploadHandler.class);

    private final DmsConnections connections;
    private final VendorRegistry vendors;
    private final DmsRepository dms;
    private final UploadRepository uploads;
    private final AuditLog audit;
    private final ObjectProvider<DocumentContentStore> contentStore;
    private final TextExtractor text;
    private final DocumentRepository documents;

    public DmsUploadHandler(DmsConnections connections, VendorRegistry vendors, DmsRepository dms, UploadRepository uploads,
                            AuditLog audit, ObjectProvider<DocumentContentStore> contentStore, TextExtractor text,
                            DocumentRepository documents) {
        super(DocumentUploadController.DOCUMENT_UPLOAD, new VendorErrorClassifier(vendors));
        this.connections = connections;
        this.vendors = vendors;
        this.dms = dms;
        this.uploads = uploads;
        this.audit = audit;
        this.contentStore = contentStore;
        this.text = text;
        this.documents = documents;
    }

    @Override
    public void handle(OutboxEntry entry) throws Exception {
        DmsUpload upload = DmsUpload.parse(entry.payload());
        Optional<DmsDocument> already = dms.byPortalDocument(upload.documentId());
        if (already.isPresent()) {
            log.info("Upload {} is already filed as {}; nothing to do", upload.uploadId(), already.get().externalId());
            return;
        }
        DmsConnections.Dms connection = connections.load(entry.firmId(), entry.connectionId());
        UploadFiler filer = vendors.find(connection.vendor(), UploadFiler.class)
                .orElseThrow(() -> new IllegalStateException("Connection " + entry.connectionId() + " is "
                        + connection.vendor() + ", not a document-management system"));
        DocumentContentStore store = contentStore.getIfAvailable();
        if (store == null) {
            throw new IllegalStateException("No document store is configured; upload " + upload.uploadId()
                    + " cannot be read");
        }
        // The DMS sync takes the same lock to apply a page: it sees this filing either not yet made or committed,
        // never a document in the uploads folder that no portal document claims yet.
        dms.lockConnection(entry.connectionId());
        uploads.lockFiling(entry.connectionId(), upload.workspaceId());
        TenantScope scope = TenantScope.system(entry.firmId());
        UploadContent content = UploadContent.of(() -> store.open(scope, upload.storageKey(), Optional.empty()),
                upload.sizeBytes());
        UploadFiler.Filed filed = filer.file(connection, upload, content);

        // An earlier attempt whose response was lost may have been imported by a poll before this retry found it:
        // that import is this upload, so its portal copy goes.
        dms.document(entry.connectionId(), filed.externalId()).map(DmsDocument::documentId)
                .filter(other -> other != null && !other.equals(upload.documentId()))
                .ifPresent(other -> {
                    dms.markDocumentDeleted(other);
                    log.info("Upload {}: the poll had imported its DMS copy as document {}; that copy is removed",
                            upload.uploadId(), other);
                });
        dms.upsertContainers(List.of(new DmsRepository.Container(entry.connectionId(), filed.folderId(), "folder",
                filed.folderName(), upload.workspaceId(), upload.workspaceId(), null, null)));
        dms.addPlacements(entry.connectionId(), Map.of(filed.externalId(), Set.of(filed.folderId())));
        dms.upsertDocuments(List.of(new DmsDocument(entry.connectionId(), filed.externalId(), upload.documentId(),
                upload.dmsName(), upload.extension().isEmpty() ? null : upload.extension(), filed.folderName(),
                upload.clientNumber(), upload.matterNumber(), null, filed.sourceVersion(), "resolved", null, Instant.now(),
                null, Instant.now(), null)));
        dms.setSourceVersion(upload.documentId(), 1, filed.sourceVersion());
        uploads.markFiled(upload.documentId(), entry.connectionId(), filed.folderName());
        indexText(scope, store, upload);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connectionId", entry.connectionId().toString());
        details.put("vendor", connection.vendor());
        details.put("externalId", filed.externalId());
        details.put("folder", filed.folderName());
        details.put("reusedEarlierAttempt", filed.reused());
        audit.record("document.filed", "document", upload.documentId().toString(), details);
        log.info("Upload {} filed in {} as {} (folder {}{})", upload.uploadId(), connection.vendor(), filed.externalId(),
                filed.folderName(), filed.reused() ? ", found from an earlier attempt" : "");
    }

    /**
     * Text of PDF and Office uploads for search: the portal extracts only plain text while a client waits, so the
     * upload's version 1 gets Tika's text here, once it is filed (the DMS sync never copies a portal document's bytes).
     */
    private void indexText(TenantScope scope, DocumentContentStore store, DmsUpload upload) throws java.io.IOException {
        if (dms.versionHasText(upload.documentId(), 1)) {
            return;
        }
        try (java.io.InputStream in = store.open(scope, upload.storageKey(), Optional.empty())) {
            TextExtractor.Extraction extracted = text.extraction(in, upload.dmsName()
                    + (upload.extension().isEmpty() ? "" : "." + upload.extension()));
            if (extracted.text() != null) {
                documents.setVersionText(upload.documentId(), 1, extracted.text());
            } else if (extracted.skipped()) {
                // Stored and filed, but not searchable by its content: say so where ops and the firm look.
                audit.record("document.text_skipped", "document", upload.documentId().toString(),
                        Map.of("reason", extracted.outcome().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
    }
}
