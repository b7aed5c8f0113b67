package org.matterhub.portal.documents;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.matterhub.portal.documents.DocumentModels.DocumentList;
import org.matterhub.portal.documents.DocumentModels.DocumentView;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.DocumentRepository.Document;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Firm staff publish and withdraw documents. Publication rules:
 * <ul>
 *   <li>Only a portal candidate ({@code pending_review}) or a withdrawn document ({@code unpublished}) with at least
 *       one version can be published; publishing makes its current version visible to the matter's client users.</li>
 *   <li>When the firm requires a second approval, the first staff user's publication leaves the document in
 *       {@code pending_review} with one approval (202); a second, different staff user's publication publishes it
 *       (the database refuses the same person twice).</li>
 *   <li>Unpublishing a client-visible document withdraws access with the commit; on a document in review it withdraws
 *       the pending first approval.</li>
 * </ul>
 * Staff act only on documents of matters they see (row-level security, V5/V8); anything else answers 404.
 */
@RestController
@RequestMapping("/api/v1/staff/documents")
public class StaffDocumentsController {

    private static final String[] STAFF = {"staff", "partner", "firm_admin"};
    private static final Set<String> STATES = Set.of("internal", "pending_review", "published", "client_approved",
            "changes_requested", "closed", "unpublished");

    private final Tenancy tenancy;
    private final DocumentRepository documents;
    private final AuditLog audit;

    public StaffDocumentsController(Tenancy tenancy, DocumentRepository documents, AuditLog audit) {
        this.tenancy = tenancy;
        this.documents = documents;
        this.audit = audit;
    }

    /** The firm's documents the caller sees, by state (the review queue: {@code state=pending_review}). */
    @GetMapping
    public DocumentList list(@RequestParam(required = false) String state, @RequestParam(required = false) String matterId,
                             @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset,
                             HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        DocumentsController.paging(limit, offset);
        if (state != null && !STATES.contains(state)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid state", "state must be one of " + STATES + "; got '" + state + "'.");
        }
        UUID matter = null;
        if (matterId != null) {
            try {
                matter = UUID.fromString(matterId);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid matterId", "matterId must be a UUID.");
            }
        }
        UUID matterFilter = matter;
        return tenancy.read(p.scope(), () -> {
            boolean second = documents.requiresSecondApproval();
            return new DocumentList(documents.list(state, matterFilter, limit, offset).stream()
                    .map(d -> DocumentViews.summary(p, d, second)).toList(), limit, offset);
        });
    }

    @PostMapping("/{id}/publication")
    public ResponseEntity<DocumentView> publish(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        UUID documentId = DocumentViews.documentId(id);
        record Outcome(boolean published, DocumentView view) {
        }
        Outcome outcome = tenancy.write(p.scope(), () -> {
            Document d = documents.lock(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            if (d.clientVisible()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Already published", "The document is " + d.state() + ".");
            }
            if ("internal".equals(d.state())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Not a portal candidate",
                        "The document is internal to the firm; file it where the firm's DMS marks portal candidates first.");
            }
            if (d.latestVersion() == null) {
                throw new ApiProblem(HttpStatus.CONFLICT, "No version to publish", "The document has no version yet.");
            }
            boolean secondRequired = documents.requiresSecondApproval();
            boolean pendingFirst = "pending_review".equals(d.state()) && d.publicationRequestedBy() != null;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", d.latestVersion());
            if (secondRequired && !pendingFirst) {
                documents.requestPublication(documentId, p.userId());
                documents.addMilestone(d.matterId(), "document.publication_requested",
                        "Publication of “" + d.title() + "” requested", false);
                audit.record("document.publication_requested", "document", documentId.toString(), details);
                return new Outcome(false, DocumentViews.view(p, documents.find(documentId).orElseThrow(), documents));
            }
            if (secondRequired && p.userId().equals(d.publicationRequestedBy())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Second approval required",
                        "You approved this publication already; the firm requires a second, different staff user to approve it.");
            }
            documents.publish(documentId, p.userId(), secondRequired);
            documents.addMilestone(d.matterId(), "document.published", "Document published: “" + d.title() + "”", true);
            if (secondRequired) {
                details.put("firstApprover", d.publicationRequestedBy().toString());
            }
            audit.record("document.published", "document", documentId.toString(), details);
            return new Outcome(true, DocumentViews.view(p, documents.find(documentId).orElseThrow(), documents));
        });
        return ResponseEntity.status(outcome.published() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(outcome.view());
    }

    @DeleteMapping("/{id}/publication")
    public DocumentView unpublish(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        UUID documentId = DocumentViews.documentId(id);
        return tenancy.write(p.scope(), () -> {
            Document d = documents.lock(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            if (d.clientVisible()) {
                documents.unpublish(documentId, p.userId());
                documents.addMilestone(d.matterId(), "document.unpublished",
                        "Document withdrawn from the portal: “" + d.title() + "”", false);
                audit.record("document.unpublished", "document", documentId.toString(), Map.of("from", d.state()));
            } else if ("pending_review".equals(d.state()) && d.publicationRequestedBy() != null) {
                documents.withdrawPublicationRequest(documentId);
                audit.record("document.publication_withdrawn", "document", documentId.toString(),
                        Map.of("firstApprover", d.publicationRequestedBy().toString()));
            } else {
                throw new ApiProblem(HttpStatus.CONFLICT, "Not published",
                        "The document is " + d.state() + "; there is no publication to withdraw.");
            }
            return DocumentViews.view(p, documents.find(documentId).orElseThrow(), documents);
        });
    }
}
