package org.matterhub.portal.documents;

import org.matterhub.connectors.kernel.ByteRange;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.matterhub.portal.documents.DocumentModels.ActionRequest;
import org.matterhub.portal.documents.DocumentModels.ClientAction;
import org.matterhub.portal.documents.DocumentModels.DocumentList;
import org.matterhub.portal.documents.DocumentModels.DocumentView;
import org.matterhub.portal.documents.DocumentModels.SearchHitView;
import org.matterhub.portal.documents.DocumentModels.SearchResults;
import org.matterhub.portal.documents.DocumentModels.VersionList;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.DocumentRepository.Document;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents as the caller sees them: a matter's documents, one document, its versions, a version's bytes (with
 * HTTP {@code Range}), full-text search, and a client's action on a document. Row-level security decides visibility
 * (V8): a client never sees an internal, pending or unpublished document, nor an unpublished version of a published
 * one; everything it may not see answers 404 exactly like what does not exist. Every successful read, download and
 * action writes an audit event in the same transaction.
 */
@RestController
public class DocumentsController {

    /** Outbox kind of a client's action on its way to the DMS and the practice-management system. */
    public static final String DOCUMENT_ACTION = "document.action";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUERY = 200;

    /** The states each client action may start from, and where it leads. */
    private static final Map<ClientAction, Set<String>> FROM = Map.of(
            ClientAction.approve, Set.of("published", "changes_requested"),
            ClientAction.request_changes, Set.of("published", "client_approved"),
            ClientAction.close, Set.of("published", "client_approved", "changes_requested"));
    private static final Map<ClientAction, String> TO = Map.of(ClientAction.approve, "client_approved",
            ClientAction.request_changes, "changes_requested", ClientAction.close, "closed");

    private final Tenancy tenancy;
    private final DocumentRepository documents;
    private final MatterRepository matters;
    private final OutboxRepository outbox;
    private final AuditLog audit;
    private final ObjectProvider<DocumentContentStore> contentStore;

    public DocumentsController(Tenancy tenancy, DocumentRepository documents, MatterRepository matters,
                               OutboxRepository outbox, AuditLog audit, ObjectProvider<DocumentContentStore> contentStore) {
        this.tenancy = tenancy;
        this.documents = documents;
        this.matters = matters;
        this.outbox = outbox;
        this.audit = audit;
        this.contentStore = contentStore;
    }

    @GetMapping("/api/v1/matters/{id}/documents")
    public DocumentList matterDocuments(@PathVariable String id, @RequestParam(defaultValue = "50") int limit,
                                        @RequestParam(defaultValue = "0") int offset, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        paging(limit, offset);
        UUID matterId = ApiProblem.pathId(id, "Matter");
        return tenancy.write(p.scope(), () -> {
            matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            boolean second = p.isFirm() && documents.requiresSecondApproval();
            var items = documents.listByMatter(matterId, limit, offset).stream()
                    .map(d -> DocumentViews.summary(p, d, second)).toList();
            audit.record("matter.documents_listed", "matter", matterId.toString(), Map.of("count", items.size()));
            return new DocumentList(items, limit, offset);
        });
    }

    @GetMapping("/api/v1/documents/{id}")
    public DocumentView get(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID documentId = DocumentViews.documentId(id);
        return tenancy.write(p.scope(), () -> {
            Document d = documents.find(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            audit.record("document.viewed", "document", documentId.toString(), Map.of("state", d.state()));
            return DocumentViews.view(p, d, documents);
        });
    }

    @GetMapping("/api/v1/documents/{id}/versions")
    public VersionList versions(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID documentId = DocumentViews.documentId(id);
        return tenancy.write(p.scope(), () -> {
            documents.find(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            var items = documents.versions(documentId).stream().map(DocumentViews::version).toList();
            audit.record("document.versions_viewed", "document", documentId.toString(), Map.of("count", items.size()));
            return new VersionList(documentId, items);
        });
    }

    /**
     * A version's bytes, streamed. One {@code Range: bytes=…} is answered 206 with {@code Content-Range}; an
     * unsatisfiable one 416. The version's visibility is checked, and the download audited, in the caller's scope
     * before the first byte is sent.
     */
    @GetMapping("/api/v1/documents/{id}/versions/{version}/content")
    public void content(@PathVariable String id, @PathVariable String version, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID documentId = DocumentViews.documentId(id);
        int number = versionNumber(id, version);
        DocumentContentStore store = contentStore.getIfAvailable();
        record Download(DocumentRepository.Version version, long size, RangeRequest.Resolved resolved, String etag,
                        InputStream body) {
        }
        Download download = tenancy.write(p.scope(), () -> {
            documents.find(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            var v = documents.version(documentId, number)
                    .orElseThrow(() -> ApiProblem.notFound("Version " + version + " of document " + id));
            if (v.storageKey() == null) {
                throw new ApiProblem(HttpStatus.NOT_FOUND, "Content not available",
                        "The content of version " + number + " has not reached the portal yet.");
            }
            if (store == null) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Document storage unavailable",
                        "Document storage is not configured on this hub.");
            }
            String etag = v.sha256() == null ? null : "\"" + v.sha256() + "\"";
            try {
                long size = store.size(p.scope(), v.storageKey());
                RangeRequest.Resolved resolved = RangeRequest.resolve(request.getHeader(HttpHeaders.RANGE),
                        request.getHeader(HttpHeaders.IF_RANGE), etag, size);
                if (resolved instanceof RangeRequest.Unsatisfiable) {
                    ApiProblem problem = new ApiProblem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable",
                            "Version " + number + " has " + size + " bytes; the requested range lies outside them.");
                    problem.getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                    problem.getHeaders().set(HttpHeaders.ACCEPT_RANGES, "bytes");
                    throw problem;
                }
                Optional<ByteRange> range = resolved instanceof RangeRequest.Partial part ? Optional.of(part.range())
                        : Optional.empty();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("version", number);
                details.put("bytes", range.flatMap(ByteRange::length).orElse(size));
                range.ifPresent(r -> details.put("range", r.first() + "-" + r.last() + "/" + size));
                audit.record("document.downloaded", "document", documentId.toString(), details);
                return new Download(v, size, resolved, etag, store.open(p.scope(), v.storageKey(), range));
            } catch (DocumentContentStore.ContentMissingException e) {
                throw new ApiProblem(HttpStatus.NOT_FOUND, "Content not available",
                        "The content of version " + number + " is not in the document store.");
            }
        });
        try (InputStream in = download.body()) {
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            if (download.etag() != null) {
                response.setHeader(HttpHeaders.ETAG, download.etag());
            }
            response.setContentType(mediaType(download.version().contentType()));
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(fileName(download.version()), StandardCharsets.UTF_8).build().toString());
            response.setHeader("Cache-Control", "private, no-store");
            if (download.resolved() instanceof RangeRequest.Partial part) {
                ByteRange r = part.range();
                response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + r.first() + "-" + r.last() + "/" + download.size());
                response.setContentLengthLong(r.length().orElseThrow());
            } else {
                response.setStatus(HttpStatus.OK.value());
                response.setContentLengthLong(download.size());
            }
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
    }

    /**
     * Full-text search over the documents the caller sees (PostgreSQL {@code websearch_to_tsquery}, ranked with
     * {@code ts_rank}); row-level security applies exactly as for listing.
     */
    @GetMapping("/api/v1/search")
    public SearchResults search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "20") int limit,
                                HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        String query = q == null ? "" : q.strip();
        if (query.isEmpty() || query.length() > MAX_QUERY) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid query",
                    "q must hold 1–" + MAX_QUERY + " characters of search terms.");
        }
        if (limit < 1 || limit > 50) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid paging", "limit must be 1–50.");
        }
        return tenancy.write(p.scope(), () -> {
            List<SearchHitView> items = documents.search(query, limit).stream()
                    .map(h -> new SearchHitView(h.documentId(), h.matterId(), h.matterDisplayNumber(), h.title(),
                            h.category(), h.state(), h.versionNumber(), h.rank(), h.snippet())).toList();
            audit.record("document.searched", "search", null, Map.of("query", query, "hits", items.size()));
            return new SearchResults(query, items);
        });
    }

    /**
     * A client's structured answer to a published document. The state change, the action, a timeline entry, the
     * write-back to the DMS and the practice-management system (outbox) and the audit event commit together.
     */
    @PostMapping("/api/v1/documents/{id}/actions")
    public DocumentView act(@PathVariable String id, @Valid @RequestBody ActionRequest body, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID documentId = DocumentViews.documentId(id);
        if (!p.isClient()) {
            throw ApiProblem.forbidden("Only client users approve, request changes to or close a document.");
        }
        String comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
        if (body.action() == ClientAction.request_changes && comment == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request",
                    "Say what should change: request_changes needs a comment.");
        }
        return tenancy.write(p.scope(), () -> {
            Document d = documents.lock(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            if ("portal".equals(d.sourceSystem()) && "client_uploads".equals(d.category())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Not the firm's document", "Approving, requesting changes to "
                        + "and closing answer the firm's documents; this one was uploaded through the portal.");
            }
            String to = TO.get(body.action());
            if (!documents.transition(documentId, FROM.get(body.action()), to)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Illegal transition", "A document that is " + d.state()
                        .replace('_', ' ') + " cannot take the action " + body.action() + "; it can from "
                        + FROM.get(body.action()) + ".");
            }
            UUID actionId = documents.addAction(documentId, p.userId(), body.action().name(), comment);
            documents.addMilestone(d.matterId(), "document." + to, milestoneTitle(body.action(), d.title()), true);
            writeBack(d, actionId, p.userId(), body.action(), comment);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("action", body.action().name());
            details.put("from", d.state());
            details.put("to", to);
            details.put("version", d.latestVersion());
            audit.record("document.action", "document", documentId.toString(), details);
            return DocumentViews.view(p, documents.find(documentId).orElseThrow(), documents);
        });
    }

    /** One outbox row per system of record the action goes back to: the document's DMS and the matter's Clio. */
    private void writeBack(Document d, UUID actionId, UUID userId, ClientAction action, String comment) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("actionId", actionId.toString());
        payload.put("documentId", d.id().toString());
        payload.put("matterId", d.matterId().toString());
        payload.put("title", d.title());
        payload.put("versionNumber", d.latestVersion());
        payload.put("action", action.name());
        payload.put("comment", comment);
        payload.put("userId", userId.toString());
        payload.put("occurredAt", Instant.now().toString());
        if (d.sourceConnectionId() != null) {
            payload.put("target", "dms");
            outbox.enqueue(d.sourceConnectionId(), DOCUMENT_ACTION, "document", d.id(), json(payload));
        }
        if (d.matterConnectionId() != null && !d.matterConnectionId().equals(d.sourceConnectionId())) {
            payload.put("target", "practice_management");
            outbox.enqueue(d.matterConnectionId(), DOCUMENT_ACTION, "document", d.id(), json(payload));
        }
    }

    private static String milestoneTitle(ClientAction action, String title) {
        return switch (action) {
            case approve -> "Client approved “" + title + "”";
            case request_changes -> "Client requested changes to “" + title + "”";
            case close -> "Client closed “" + title + "”";
        };
    }

    static void paging(int limit, int offset) {
        if (limit < 1 || limit > 200 || offset < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid paging", "limit must be 1–200 and offset ≥ 0.");
        }
    }

    private static int versionNumber(String id, String version) {
        try {
            int n = Integer.parseInt(version);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through: not a version of anything
        }
        throw ApiProblem.notFound("Version " + version + " of document " + id);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        try {
            return MediaType.parseMediaType(contentType).toString();
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
    }

    private static String fileName(DocumentRepository.Version v) {
        String name = v.fileName() == null || v.fileName().isBlank() ? "document-v" + v.versionNumber() : v.fileName();
        return name.replaceAll("[\\p{Cntrl}/\\\\]", "_");
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
