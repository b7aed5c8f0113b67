package org.matterhub.portal.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.matterhub.portal.documents.DocumentContentStore.StoredContent;
import org.matterhub.portal.documents.UploadDestinations.Choice;
import org.matterhub.portal.documents.UploadModels.Filing;
import org.matterhub.portal.upload.Accepted;
import org.matterhub.portal.upload.InspectionResult;
import org.matterhub.portal.upload.UploadInspector;
import org.matterhub.portal.upload.UploadPolicy;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.model.UploadRepository;
import org.matterhub.store.model.UploadRepository.NewUpload;
import org.matterhub.store.model.UploadUsageRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The one way a file becomes a document of a matter, whoever sends it: a client's or the firm's upload
 * ({@link DocumentUploadController}) and an attachment of an e-mail reply (the routes' reply receiver). Two steps:
 * <ol>
 *   <li>{@link #stage}: the {@link UploadInspector} streams the file into the encrypted {@link DocumentContentStore}
 *       ({@link ContentStoreSink}), which keeps it only if every byte is accepted; nothing is written to the
 *       database;</li>
 *   <li>{@link #record}, in the sender's own scope and transaction (row-level security decides what they may add): the
 *       document and its version 1, a timeline entry, a notification of the matter's responsible attorney for a client's
 *       file, an audit event, and — when the firm's DMS has a workspace for the matter — an outbox row of kind
 *       {@value #DOCUMENT_UPLOAD} that files it beside the matter's documents.</li>
 * </ol>
 * A caller whose transaction fails {@linkplain StagedUpload#discard() discards} the staged object.
 */
@Component
@EnableConfigurationProperties(UploadProperties.class)
public class DocumentFiling {

    /** Outbox kind of an upload on its way into the matter's DMS workspace. */
    public static final String DOCUMENT_UPLOAD = "document.upload";

    private static final Logger log = LoggerFactory.getLogger(DocumentFiling.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/csv", "text/markdown", "message/rfc822");
    static final int MAX_TITLE = 200;

    private final MatterRepository matters;
    private final DocumentRepository documents;
    private final UploadRepository uploads;
    private final OutboxRepository outbox;
    private final AuditLog audit;
    private final UploadDestinations destinations;
    private final ObjectProvider<DocumentContentStore> contentStore;
    private final UploadProperties properties;
    private final UploadUsageRepository usage;
    private final ExecutorService storeThreads;

    public DocumentFiling(MatterRepository matters, DocumentRepository documents, UploadRepository uploads,
                          OutboxRepository outbox, AuditLog audit, UploadDestinations destinations,
                          ObjectProvider<DocumentContentStore> contentStore, UploadProperties properties,
                          UploadUsageRepository usage) {
        this.matters = matters;
        this.documents = documents;
        this.uploads = uploads;
        this.outbox = outbox;
        this.audit = audit;
        this.destinations = destinations;
        this.contentStore = contentStore;
        this.properties = properties;
        this.usage = usage;
        AtomicInteger n = new AtomicInteger();
        this.storeThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "upload-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        storeThreads.shutdownNow();
    }

    /** The document store, if this hub has one (without it nothing can be filed). */
    public Optional<DocumentContentStore> store() {
        return Optional.ofNullable(contentStore.getIfAvailable());
    }

    /**
     * What the person of the bound scope may add to the matter, read in their scope: empty when their access to the
     * matter does not include its documents (or they do not see it).
     */
    public Optional<Allowance> allowance(UUID matterId) {
        if (matters.findVisible(matterId).isEmpty() || !uploads.mayAddDocuments(matterId)) {
            return Optional.empty();
        }
        return Optional.of(new Allowance(uploads.firmUploadLimit().orElse(properties.maxBytes()),
                properties.dailyBytesPerPerson() - usage.bytesToday()));
    }

    /**
     * How much may be uploaded now.
     *
     * @param firmLimit the firm's largest file
     * @param leftToday what is left of the person's daily quota (zero or less: used up)
     */
    public record Allowance(long firmLimit, long leftToday) {
        /** The largest file accepted now: the firm's limit, or what is left of the quota when that is less. */
        public long limit() {
            return Math.max(0, Math.min(firmLimit, leftToday));
        }

        /** Whether the quota, not the firm's limit, bounds this upload. */
        public boolean quotaBound() {
            return leftToday < firmLimit;
        }
    }

    /** A new document's place in the store of {@code firmId}; nothing is stored until {@link StagedUpload#inspect}. */
    public StagedUpload stage(DocumentContentStore store, UUID firmId) {
        return new StagedUpload(UUID.randomUUID(), store, TenantScope.system(firmId), this);
    }

    /** A file on its way into the store: inspected once, then kept ({@link #accepted}) or discarded. */
    public static final class StagedUpload {
        private final UUID documentId;
        private final String storageKey;
        private final DocumentContentStore store;
        private final TenantScope scope;
        private final ContentStoreSink sink;
        private Accepted accepted;

        StagedUpload(UUID documentId, DocumentContentStore store, TenantScope scope, DocumentFiling filing) {
            this.documentId = documentId;
            this.storageKey = "documents/" + documentId + "/v1";
            this.store = store;
            this.scope = scope;
            this.sink = new ContentStoreSink(store, scope, storageKey, filing.storeThreads, filing.properties.textBytes());
        }

        /** Streams {@code body} through the upload inspector into the store: accepted (and kept) or rejected. */
        public InspectionResult inspect(InputStream body, String fileName, String declaredType, long limit)
                throws IOException {
            InspectionResult result = new UploadInspector(UploadPolicy.defaults().withMaxBytes(limit))
                    .inspect(body, fileName, declaredType, sink);
            if (result instanceof Accepted a) {
                accepted = a;
            }
            return result;
        }

        public UUID documentId() {
            return documentId;
        }

        /** The accepted file; null before an accepting {@link #inspect}. */
        public Accepted accepted() {
            return accepted;
        }

        StoredContent stored() {
            return sink.stored();
        }

        /** The searchable text of a text file: its head; null for other types. */
        String text() {
            return accepted == null || !TEXT_TYPES.contains(accepted.detectedType()) ? null : DocumentFiling.text(sink.head());
        }

        /** Deletes what was kept (the inspector already discarded a rejected file); never throws. */
        public void discard() {
            if (accepted == null) {
                return;
            }
            try {
                store.delete(scope, storageKey);
            } catch (RuntimeException e) {
                log.warn("Could not delete the stored upload {}; it is referenced by no document", storageKey, e);
            }
        }
    }

    /** The quota would be passed by this file (counted at commit, so two concurrent uploads cannot both pass it). */
    public static final class OverQuotaException extends RuntimeException {
        OverQuotaException() {
            super("over the daily upload quota");
        }
    }

    /** A recorded document and where it is being filed. */
    public record Filed(UUID documentId, String title, Filing filing) {
    }

    /**
     * The staged, accepted file's rows, in the bound scope of {@code uploaderId} (client or firm person): everything
     * commits with the caller's transaction or nothing does. A client's file is {@code published} to the client's
     * organisation at once; a firm person's enters {@code pending_review}.
     *
     * @param title the title, or null for the file name without its extension
     * @param via   how the file came, for the audit event (null for an upload)
     * @throws OverQuotaException when the file would pass the person's daily quota
     */
    public Filed record(UUID uploaderId, boolean client, UUID matterId, StagedUpload staged, String title,
                        String comment, String via) {
        Accepted file = staged.accepted();
        StoredContent stored = staged.stored();
        String finalTitle = title != null ? title : defaultTitle(file.safeFileName());
        if (!usage.add(stored.size(), properties.dailyBytesPerPerson())) {
            throw new OverQuotaException();
        }
        String state = client ? "published" : "pending_review";
        UUID documentId = staged.documentId();
        uploads.insert(new NewUpload(documentId, matterId, finalTitle, client ? UploadRepository.CLIENT_UPLOADS : "general",
                state, uploaderId, file.safeFileName(), file.detectedType(), stored.size(), staged.storageKey,
                stored.sha256(), staged.text()));
        documents.addMilestone(matterId, "document.uploaded", (client ? "Client uploaded “" : "Firm uploaded “")
                + finalTitle + "”", client);
        if (client) {
            String recipient = uploads.responsibleAttorneyEmail(matterId).orElse(null);
            String display = matters.findVisible(matterId).map(MatterRepository.Matter::displayNumber).orElse("");
            uploads.notify(recipient, matterId, "document.uploaded", "document", documentId,
                    "Client uploaded “" + finalTitle + "” to " + display, comment);
        }
        Filing filing = file(staged, matterId, uploaderId, client, finalTitle, comment);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matterId", matterId.toString());
        details.put("fileName", file.safeFileName());
        details.put("contentType", file.detectedType());
        details.put("bytes", stored.size());
        details.put("sha256", stored.sha256());
        details.put("filing", filing.status());
        if (via != null) {
            details.put("via", via);
        }
        audit.record("document.uploaded", "document", documentId.toString(), details);
        return new Filed(documentId, finalTitle, filing);
    }

    /**
     * Audits a refused file ({@code document.upload_rejected}), in the bound scope of the person who sent it: the only
     * trace a refused file leaves.
     *
     * @param reason   why ({@link org.matterhub.portal.upload.RejectionReason} or another stable name)
     * @param fileName the name the sender gave, or null
     * @param via      how the file came (null for an upload)
     */
    public void auditRejected(UUID matterId, String reason, String fileName, String via) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matterId", matterId.toString());
        details.put("reason", reason);
        if (fileName != null) {
            details.put("fileName", fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
        }
        if (via != null) {
            details.put("via", via);
        }
        audit.record("document.upload_rejected", "matter", matterId.toString(), details);
    }

    /** Queues the filing into the matter's DMS workspace, or says why the document stays in the portal. */
    private Filing file(StagedUpload staged, UUID matterId, UUID uploaderId, boolean client, String title,
                        String comment) {
        Choice choice = destinations.forMatter(staged.scope.firmId(), matterId);
        if (!choice.filed()) {
            return new Filing(UploadModels.PORTAL_ONLY, null, choice.reason() + " The document stays in the portal.");
        }
        Accepted file = staged.accepted();
        StoredContent stored = staged.stored();
        UploadDestinations.Destination d = choice.destination();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("uploadId", staged.documentId().toString());
        payload.put("documentId", staged.documentId().toString());
        payload.put("matterId", matterId.toString());
        payload.put("versionNumber", 1);
        payload.put("storageKey", staged.storageKey);
        payload.put("fileName", file.safeFileName());
        payload.put("title", title);
        payload.put("contentType", file.detectedType());
        payload.put("sizeBytes", stored.size());
        payload.put("sha256", stored.sha256());
        payload.put("workspaceId", d.workspaceId());
        payload.put("folderName", d.folderName());
        payload.put("clientNumber", d.clientNumber());
        payload.put("matterNumber", d.matterNumber());
        payload.put("comment", comment);
        payload.put("uploadedBy", uploaderId.toString());
        payload.put("uploadedByClient", client);
        payload.put("occurredAt", Instant.now().toString());
        try {
            outbox.enqueue(d.connectionId(), DOCUMENT_UPLOAD, "document", staged.documentId(), JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Filing(UploadModels.QUEUED, d.folderName(), "The document will be filed in the firm's "
                + "document-management system, folder \"" + d.folderName() + "\" of the matter's workspace.");
    }

    /** The searchable text of a text upload's head: UTF-8, lenient, without NULs (PostgreSQL refuses them). */
    static String text(byte[] head) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(head)).toString();
            s = s.replace("\u0000", "");
            return s.isBlank() ? null : s;
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** The file name without its extension. */
    static String defaultTitle(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot).strip() : fileName;
        return base.length() > MAX_TITLE ? base.substring(0, MAX_TITLE) : base;
    }
}
