package org.matterhub.portal.conversation;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.conversation.ConversationModels.TimelineEntry;
import org.matterhub.portal.conversation.ConversationModels.TimelinePage;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.model.TimelineRepository;
import org.matterhub.store.model.TimelineRepository.Entry;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merged timeline of a matter or of a document: messages, versions, publication, clients' actions and
 * milestones, newest first, a page at a time. What a timeline holds is what row-level security lets the caller see
 * in each of those tables.
 */
@RestController
public class TimelineController {

    private final Tenancy tenancy;
    private final MatterRepository matters;
    private final DocumentRepository documents;
    private final TimelineRepository timeline;
    private final AuditLog audit;

    public TimelineController(Tenancy tenancy, MatterRepository matters, DocumentRepository documents,
                              TimelineRepository timeline, AuditLog audit) {
        this.tenancy = tenancy;
        this.matters = matters;
        this.documents = documents;
        this.timeline = timeline;
        this.audit = audit;
    }

    @GetMapping("/api/v1/matters/{id}/timeline")
    public TimelinePage matter(@PathVariable String id, @RequestParam(required = false) String before,
                               @RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID matterId = Ids.parse(id, "Matter");
        int size = Cursors.limit(limit);
        var position = Cursors.decode(before, "before");
        return tenancy.write(p.scope(), () -> {
            matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            TimelinePage page = page(timeline.matter(matterId, position, size + 1), size);
            audit.record("matter.timeline_viewed", "matter", matterId.toString(), Map.of("count", page.items().size()));
            return page;
        });
    }

    @GetMapping("/api/v1/documents/{id}/timeline")
    public TimelinePage document(@PathVariable String id, @RequestParam(required = false) String before,
                                 @RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID documentId = Ids.parse(id, "Document");
        int size = Cursors.limit(limit);
        var position = Cursors.decode(before, "before");
        return tenancy.write(p.scope(), () -> {
            documents.find(documentId).orElseThrow(() -> ApiProblem.notFound("Document " + id));
            TimelinePage page = page(timeline.document(documentId, position, size + 1), size);
            audit.record("document.timeline_viewed", "document", documentId.toString(), Map.of("count", page.items().size()));
            return page;
        });
    }

    private static TimelinePage page(List<Entry> fetched, int size) {
        List<Entry> shown = fetched.subList(0, Math.min(size, fetched.size()));
        Entry last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        String next = fetched.size() > size ? Cursors.encode(last.at(), last.id()) : null;
        return new TimelinePage(shown.stream().map(e -> new TimelineEntry(e.kind(), e.at(), e.id(), e.threadId(),
                e.documentId(), e.actor(), e.title(), e.detail())).toList(), next);
    }
}
