package org.matterhub.portal.documents;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.matterhub.portal.documents.UploadModels.UploadResult;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.BodySizeFilter;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.portal.upload.Accepted;
import org.matterhub.portal.upload.InspectionResult;
import org.matterhub.portal.upload.Rejected;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/matters/{id}/documents}: a client user with the matter's documents scope (or firm staff) uploads
 * a file. The multipart body is read as a stream (Commons FileUpload, through {@link MultipartStream}), at most the
 * upload limit plus {@value #MULTIPART_OVERHEAD} bytes of it; the file part goes through the
 * {@link org.matterhub.portal.upload.UploadInspector} straight into the {@link DocumentContentStore} ({@link ContentStoreSink}), which keeps it
 * only if the inspector accepts every byte. A refused upload answers a 4xx problem with the inspector's reason and
 * leaves nothing: no stored object, no row (only the audit event of the refusal), no DMS call.
 *
 * <p>An accepted upload becomes ({@link DocumentFiling}, the path an e-mail reply's attachment takes too), in one
 * transaction in the uploader's own scope (so V10's row-level security decides what a client may add): a portal document with its version 1, a timeline entry, a notification of the matter's
 * responsible attorney, an audit event, and — when the firm's DMS has a workspace for the matter — an outbox row of
 * kind {@value #DOCUMENT_UPLOAD} that files it into that workspace's upload folder. If that transaction fails, the
 * stored object is deleted again.
 *
 * <p>A client's upload is {@code published} at once, to the client's organisation (V10 explains the choice); a staff
 * upload enters {@code pending_review} and reaches clients only through the usual publication (four eyes included).
 */
@RestController
@EnableConfigurationProperties(UploadProperties.class)
public class DocumentUploadController {

    /** Outbox kind of an upload on its way into the matter's DMS workspace. */
    public static final String DOCUMENT_UPLOAD = DocumentFiling.DOCUMENT_UPLOAD;

    private static final Logger log = LoggerFactory.getLogger(DocumentUploadController.class);
    /** Room for part headers, boundaries and the text fields next to a file of the largest accepted size. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    static final int MAX_TITLE = 200;
    static final int MAX_COMMENT = 4000;

    private final Tenancy tenancy;
    private final MatterRepository matters;
    private final DocumentRepository documents;
    private final DocumentFiling filing;
    private final UploadProperties properties;
    private final UploadSlots slots;

    public DocumentUploadController(Tenancy tenancy, MatterRepository matters, DocumentRepository documents,
                                    DocumentFiling filing, UploadProperties properties) {
        this.tenancy = tenancy;
        this.matters = matters;
        this.documents = documents;
        this.filing = filing;
        this.properties = properties;
        this.slots = new UploadSlots(properties.maxConcurrent(), properties.maxConcurrentPerFirm());
    }

    @PostMapping("/api/v1/matters/{id}/documents")
    public ResponseEntity<UploadResult> upload(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        if (!p.isClient() && !p.hasFirmRole("staff", "partner", "firm_admin")) {
            throw ApiProblem.forbidden("Ops users do not upload documents.");
        }
        UUID matterId = ApiProblem.pathId(id, "Matter");
        String boundary = MultipartStream.boundaryOf(request.getContentType());
        if (boundary == null) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Send the upload as multipart/form-data with a 'file' part (and optionally 'title' and 'comment').");
        }
        DocumentContentStore store = filing.store().orElse(null);
        if (store == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Document storage unavailable",
                    "Document storage is not configured on this hub; nothing was uploaded.");
        }
        DocumentFiling.Allowance allowance = tenancy.read(p.scope(), () -> {
            matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            return filing.allowance(matterId).orElseThrow(() -> ApiProblem.forbidden("You may not add documents to "
                    + "this matter: your access to it does not include its documents."));
        });
        if (allowance.leftToday() <= 0) {
            throw rejected(p, matterId, overQuota(), null);
        }
        long limit = allowance.limit();
        long declared = request.getContentLengthLong();
        if (declared > limit + MULTIPART_OVERHEAD) {
            throw rejected(p, matterId, allowance.quotaBound() ? overQuota() : tooLarge(limit), null);
        }
        try (UploadSlots.Slot slot = slots.tryAcquire(p.firmId()).orElseThrow(DocumentUploadController::busy)) {
            return receive(p, matterId, boundary, limit, allowance.quotaBound(), store, request);
        }
    }

    private static ApiProblem busy() {
        ApiProblem busy = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Uploads busy",
                "Too many uploads are in progress; try again in a minute.");
        busy.getHeaders().set("Retry-After", "30");
        return busy;
    }

    private ResponseEntity<UploadResult> receive(PortalPrincipal p, UUID matterId, String boundary, long limit,
                                                 boolean quotaBound, DocumentContentStore store,
                                                 HttpServletRequest request) {
        DocumentFiling.StagedUpload staged = filing.stage(store, p.firmId());
        String title = null;
        String comment = null;
        Accepted accepted = null;
        int count = 0;
        try (InputStream body = MultipartStream.bounded(new DeadlineInputStream(request.getInputStream(),
                properties.maxDuration(), System::nanoTime), limit + MULTIPART_OVERHEAD)) {
            MultipartStream parts = new MultipartStream(body, boundary);
            MultipartStream.Part part;
            while ((part = parts.next()) != null) {
                if (++count > properties.maxParts()) {
                    throw badUpload("An upload has at most " + properties.maxParts() + " parts.");
                }
                switch (part.name()) {
                    case "title" -> title = once(title, text(part, MAX_TITLE, "title"), "title");
                    case "comment" -> comment = once(comment, text(part, MAX_COMMENT, "comment"), "comment");
                    case "file" -> {
                        if (accepted != null) {
                            throw badUpload("Send one file per upload.");
                        }
                        if (!part.isFile()) {
                            throw badUpload("The 'file' part must be a file (with a file name).");
                        }
                        InspectionResult result = staged.inspect(part.body(), part.fileName(), part.contentType(), limit);
                        if (result instanceof Rejected r) {
                            boolean quota = quotaBound && r.reason() == org.matterhub.portal.upload.RejectionReason.TOO_LARGE;
                            throw rejected(p, matterId, quota ? overQuota() : r, part.fileName());
                        }
                        accepted = (Accepted) result;
                    }
                    default -> throw badUpload("Unknown part '" + part.name() + "'; an upload has a 'file' part and "
                            + "optionally 'title' and 'comment'.");
                }
            }
            if (accepted == null) {
                throw badUpload("The upload has no 'file' part.");
            }
        } catch (MultipartStream.RequestTooLargeException | BodySizeFilter.BodyTooLargeException e) {
            staged.discard();
            throw rejected(p, matterId, quotaBound ? overQuota() : tooLarge(limit), null);
        } catch (DeadlineInputStream.TooSlowException e) {
            staged.discard();
            throw new ApiProblem(HttpStatus.REQUEST_TIMEOUT, "Upload too slow", "An upload must arrive within "
                    + properties.maxDuration().toMinutes() + " minutes; nothing was kept.");
        } catch (IOException e) {
            staged.discard();
            log.info("Upload to matter {} failed while reading the request: {}", matterId, e.getMessage());
            throw badUpload(e instanceof MultipartStream.MalformedMultipartException ? e.getMessage()
                    : "The upload did not arrive complete; send it again.");
        } catch (ApiProblem e) {
            staged.discard();
            throw e;
        } catch (RuntimeException e) {
            staged.discard();
            log.warn("Storing an upload to matter {} failed", matterId, e);
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Document storage unavailable",
                    "The upload could not be stored; nothing was kept. Try again later.");
        }
        final String finalTitle = title;
        final String note = comment;
        try {
            UploadResult result = tenancy.write(p.scope(), () -> {
                DocumentFiling.Filed filed;
                try {
                    filed = filing.record(p.userId(), p.isClient(), matterId, staged, finalTitle, note, null);
                } catch (DocumentFiling.OverQuotaException e) {
                    throw overQuotaProblem();
                }
                DocumentRepository.Document d = documents.find(filed.documentId()).orElseThrow();
                return new UploadResult(DocumentViews.view(p, d, documents),
                        DocumentViews.version(documents.version(filed.documentId(), 1).orElseThrow()), filed.filing());
            });
            return ResponseEntity.created(URI.create("/api/v1/documents/" + staged.documentId())).body(result);
        } catch (RuntimeException e) {
            staged.discard();
            throw e;
        }
    }

    /** A refused upload: audited in the uploader's scope (the only row it leaves), answered with its reason. */
    private ApiProblem rejected(PortalPrincipal p, UUID matterId, Rejected r, String declaredName) {
        HttpStatus status = switch (r.reason()) {
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case TYPE_NOT_ALLOWED, TYPE_MISMATCH -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        try {
            tenancy.writeVoid(p.scope(), () -> filing.auditRejected(matterId, r.reason().name(), declaredName, null));
        } catch (RuntimeException e) {
            log.warn("Could not audit a refused upload to matter {}", matterId, e);
        }
        ApiProblem problem = new ApiProblem(status, "Upload rejected", r.detail());
        problem.getBody().setProperty("reason", r.reason().name().toLowerCase(java.util.Locale.ROOT));
        return problem;
    }

    /** The whole request is over the limit (declared, or counted when it declares no length). */
    private static Rejected tooLarge(long limit) {
        return new Rejected(org.matterhub.portal.upload.RejectionReason.TOO_LARGE,
                "The upload is larger than the limit of " + describe(limit) + "; split it and upload the parts.");
    }

    /** The person's daily upload quota is used up, or would be by this upload. */
    private Rejected overQuota() {
        return new Rejected(org.matterhub.portal.upload.RejectionReason.TOO_LARGE, quotaDetail());
    }

    private ApiProblem overQuotaProblem() {
        ApiProblem problem = new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Upload rejected", quotaDetail());
        problem.getBody().setProperty("reason", "too_large");
        return problem;
    }

    private String quotaDetail() {
        return "This upload would take you past your daily upload allowance of "
                + describe(properties.dailyBytesPerPerson()) + "; try again tomorrow (UTC) or ask the firm.";
    }

    /** A text part that may come once. */
    private static String once(String earlier, String value, String name) {
        if (earlier != null) {
            throw badUpload("Send the " + name + " once.");
        }
        return value;
    }

    private static ApiProblem badUpload(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed upload", detail);
    }

    private static String text(MultipartStream.Part part, int maxChars, String name) throws IOException {
        byte[] bytes = part.body().readNBytes(maxChars * 4 + 1);
        if (bytes.length > maxChars * 4 || part.body().read() >= 0) {
            throw badUpload("The " + name + " is longer than " + maxChars + " characters.");
        }
        String s = new String(bytes, StandardCharsets.UTF_8).strip();
        if (s.length() > maxChars) {
            throw badUpload("The " + name + " is longer than " + maxChars + " characters.");
        }
        if (s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw badUpload("The " + name + " contains control characters.");
        }
        if ("title".equals(name) && s.contains("\n")) {
            throw badUpload("The title must be one line.");
        }
        return s.isEmpty() ? null : s;
    }

    private static String describe(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }
}
