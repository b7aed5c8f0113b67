package org.matterhub.portal.documents;

import java.util.List;
import java.util.UUID;
import org.matterhub.portal.documents.DocumentModels.ActionView;
import org.matterhub.portal.documents.DocumentModels.DocumentSummary;
import org.matterhub.portal.documents.DocumentModels.DocumentView;
import org.matterhub.portal.documents.DocumentModels.PublicationView;
import org.matterhub.portal.documents.DocumentModels.VersionView;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.DocumentRepository.Document;

/** Maps store records to API bodies; firm callers also get where a document came from and who approved it. */
final class DocumentViews {

    private DocumentViews() {
    }

    static DocumentSummary summary(PortalPrincipal p, Document d, boolean secondApproval) {
        return new DocumentSummary(d.id(), d.matterId(), d.title(), d.category(), d.state(), d.latestVersion(),
                d.publishedAt(), d.updatedAt(), publication(p, d, secondApproval));
    }

    static DocumentView view(PortalPrincipal p, Document d, DocumentRepository documents) {
        List<ActionView> actions = documents.actions(d.id()).stream()
                .map(a -> new ActionView(a.action(), a.comment(), a.userId(), a.createdAt())).toList();
        boolean secondApproval = p.isFirm() && documents.requiresSecondApproval();
        return new DocumentView(d.id(), d.matterId(), d.title(), d.category(), d.state(), d.latestVersion(),
                d.publishedAt(), d.updatedAt(), actions, publication(p, d, secondApproval));
    }

    static VersionView version(DocumentRepository.Version v) {
        return new VersionView(v.versionNumber(), v.fileName(), v.contentType(), v.sizeBytes(), v.sha256(), v.published(),
                v.createdAt());
    }

    private static PublicationView publication(PortalPrincipal p, Document d, boolean secondApproval) {
        if (!p.isFirm()) {
            return null;
        }
        return new PublicationView(d.sourceSystem(), d.dmsFolder(), secondApproval, d.publicationRequestedBy(),
                d.publicationRequestedAt(), d.approvedBy(), d.approvedAt(), d.publishedBy());
    }

    /** A path id that is no UUID names nothing the caller could see: 404, like an unknown one. */
    static UUID documentId(String id) {
        return ApiProblem.pathId(id, "Document");
    }
}
