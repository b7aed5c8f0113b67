package org.matterhub.routes.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.mail.MailAttachment;
import org.matterhub.portal.documents.DocumentContentStore;
import org.matterhub.portal.documents.DocumentFiling;
import org.matterhub.portal.documents.DocumentFiling.StagedUpload;
import org.matterhub.portal.upload.InspectionResult;
import org.matterhub.portal.upload.Rejected;
import org.springframework.stereotype.Component;

/**
 * The attachments of an e-mail reply, taken exactly as a portal upload is ({@link DocumentFiling}: the upload inspector,
 * the encrypted content store, the filing into the DMS beside the matter's documents) and attached to the posted
 * message as documents of its matter. This lives in the routes, which depend on the portal API (its upload path is the
 * one to reuse; the API knows nothing of mail).
 *
 * <p>An attachment the inspector refuses (a program, a macro-enabled or disguised file, a zip bomb, …), one over the
 * person's limits, one beyond {@value #MAX_ATTACHMENTS} per mail, and every attachment of a person whose access to the
 * matter does not include its documents, is <b>not added</b>: the reply still posts, with a line per file left out (so
 * the thread shows something was sent), and the sender is told once. Nothing of a refused file is stored.
 */
@Component
public class ReplyAttachments {

    /** Attachments taken from one mail; the rest are left out. */
    static final int MAX_ATTACHMENTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentFiling filing;

    public ReplyAttachments(DocumentFiling filing) {
        this.filing = filing;
    }

    /** What the person may add to the matter, read in their scope (empty: not documents); see {@link #take}. */
    public Optional<DocumentFiling.Allowance> allowance(UUID matterId) {
        return filing.allowance(matterId);
    }

    /** One file left out: why, as a stable code (audited) and as a sentence the sender can act on. */
    public record LeftOut(String fileName, String code, String reason) {
    }

    /** The mail's attachments after inspection: those kept in the store (not yet documents) and those left out. */
    public static final class Taken {
        private final List<StagedUpload> staged = new ArrayList<>();
        private final List<LeftOut> leftOut = new ArrayList<>();
        private final List<Map<String, Object>> attached = new ArrayList<>();

        public List<LeftOut> leftOut() {
            return leftOut;
        }

        /** How many became documents of the message. */
        public int attached() {
            return attached.size();
        }

        /** Deletes every stored file (the message was not posted); never throws. */
        public void discard() {
            staged.forEach(StagedUpload::discard);
        }
    }

    /**
     * Inspects and stores the attachments of a person of {@code firmId} within their {@link #allowance} (nothing is
     * written to the database).
     *
     * @throws UncheckedIOException when the store fails: the mail stays in the mailbox and is read again
     */
    public Taken take(UUID firmId, Optional<DocumentFiling.Allowance> allowance, List<MailAttachment> attachments) {
        Taken taken = new Taken();
        if (attachments.isEmpty()) {
            return taken;
        }
        Optional<DocumentContentStore> store = filing.store();
        long left = allowance.map(DocumentFiling.Allowance::leftToday).orElse(0L);
        for (int i = 0; i < attachments.size(); i++) {
            MailAttachment a = attachments.get(i);
            if (store.isEmpty()) {
                taken.leftOut.add(new LeftOut(a.filename(), "NO_STORE", "Files cannot be stored in the portal at the "
                        + "moment; please upload it in the portal later."));
            } else if (allowance.isEmpty()) {
                taken.leftOut.add(new LeftOut(a.filename(), "NO_DOCUMENTS_ACCESS", "Your access to this matter does not "
                        + "include adding documents; ask the firm, or send it another way."));
            } else if (i >= MAX_ATTACHMENTS) {
                taken.leftOut.add(new LeftOut(a.filename(), "TOO_MANY_FILES", "At most " + MAX_ATTACHMENTS + " files "
                        + "are taken from one e-mail; please upload the others in the portal."));
            } else {
                long limit = Math.min(allowance.get().firmLimit(), left);
                StagedUpload staged = filing.stage(store.get(), firmId);
                InspectionResult result;
                try {
                    result = inspect(staged, a, Math.max(1, limit));
                } catch (RuntimeException e) {
                    taken.discard();
                    throw e;
                }
                if (result instanceof Rejected r) {
                    boolean quota = limit <= 0 || (limit < allowance.get().firmLimit()
                            && r.reason() == org.matterhub.portal.upload.RejectionReason.TOO_LARGE);
                    taken.leftOut.add(quota ? overQuota(a.filename()) : new LeftOut(a.filename(), r.reason().name(),
                            r.detail()));
                } else {
                    taken.staged.add(staged);
                    left -= staged.accepted().sizeBytes();
                }
            }
        }
        return taken;
    }

    private static InspectionResult inspect(StagedUpload staged, MailAttachment a, long limit) {
        try {
            return staged.inspect(a.open(), a.filename(), a.declaredContentType(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("storing an e-mail attachment failed", e);
        }
    }

    /**
     * Makes the stored files documents of the matter and audits each file left out, in the caller's transaction and the
     * person's scope, and answers the message's attachments ({@code [{documentId, title}]}, as a portal message names its documents).
     */
    public String record(Taken taken, UUID personId, boolean client, UUID matterId) {
        for (StagedUpload staged : taken.staged) {
            try {
                DocumentFiling.Filed filed = filing.record(personId, client, matterId, staged, null, null, "email");
                Map<String, Object> attachment = new LinkedHashMap<>();
                attachment.put("documentId", filed.documentId().toString());
                attachment.put("title", filed.title());
                taken.attached.add(attachment);
            } catch (DocumentFiling.OverQuotaException e) {
                staged.discard();
                taken.leftOut.add(overQuota(staged.accepted().safeFileName()));
            }
        }
        for (LeftOut l : taken.leftOut) {
            filing.auditRejected(matterId, l.code(), l.fileName(), "email");
        }
        try {
            return JSON.writeValueAsString(taken.attached);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LeftOut overQuota(String fileName) {
        return new LeftOut(fileName, "OVER_QUOTA", "It would take you past your daily upload allowance; please upload "
                + "it in the portal tomorrow.");
    }

    /** The lines the message carries about files left out (empty when none was). */
    static String note(List<LeftOut> leftOut) {
        StringBuilder note = new StringBuilder();
        for (LeftOut l : leftOut) {
            note.append("\n\n[Attachment not added: ").append(l.fileName()).append(" — ").append(l.reason()).append(']');
        }
        return note.toString();
    }
}
