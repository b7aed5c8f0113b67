package org.matterhub.portal.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.conversation.ConversationModels.Attachment;
import org.matterhub.portal.conversation.ConversationModels.Author;
import org.matterhub.portal.conversation.ConversationModels.AuthorKind;
import org.matterhub.portal.conversation.ConversationModels.MessagePage;
import org.matterhub.portal.conversation.ConversationModels.MessageView;
import org.matterhub.portal.conversation.ConversationModels.Origin;
import org.matterhub.portal.conversation.ConversationModels.PostMessageRequest;
import org.matterhub.portal.conversation.ConversationModels.StartThreadRequest;
import org.matterhub.portal.conversation.ConversationModels.ThreadList;
import org.matterhub.portal.conversation.ConversationModels.ThreadView;
import org.matterhub.portal.conversation.ConversationModels.TimelineEntry;
import org.matterhub.portal.conversation.ConversationModels.TimelinePage;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.model.TimelineRepository;
import org.matterhub.store.model.TimelineRepository.Entry;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ConversationRepository;
import org.matterhub.store.model.ConversationRepository.Message;
import org.matterhub.store.model.ConversationRepository.NewMessage;
import org.matterhub.store.model.ConversationRepository.Thread;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The matter conversation: threads of a matter (one of them may be a document's), their messages, and the merged
 * timeline of a matter or a document (messages, versions, publication, clients' actions, milestones; newest first).
 * Who sees what is row-level security's decision (V22 and the tables' own policies); a thread, matter or document the
 * caller may not see answers 404 like one that does not exist. Messages are never edited or deleted. Every read and
 * post is audited.
 */
@RestController
public class ConversationController {

    /** The outbox kind that mirrors a portal message into the matter's practice-management system. */
    public static final String MESSAGE_MIRROR = MessageMirror.KIND;

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    private final Tenancy tenancy;
    private final MatterRepository matters;
    private final ConversationRepository conversation;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final MessageMirror mirror;
    private final DocumentRepository documents;
    private final TimelineRepository timeline;

    public ConversationController(Tenancy tenancy, MatterRepository matters, ConversationRepository conversation,
                                  AuditLog audit, ObjectMapper json, MessageMirror mirror, DocumentRepository documents,
                                  TimelineRepository timeline) {
        this.mirror = mirror;
        this.documents = documents;
        this.timeline = timeline;
        this.tenancy = tenancy;
        this.matters = matters;
        this.conversation = conversation;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/api/v1/matters/{id}/threads")
    public ThreadList threads(@PathVariable String id, @RequestParam(defaultValue = "50") int limit,
                              HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID matterId = ApiProblem.pathId(id, "Matter");
        int size = Cursors.limit(limit);
        return tenancy.write(p.scope(), () -> {
            matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            List<ThreadView> items = conversation.threads(matterId, p.userId(), size).stream().map(ConversationController::view)
                    .toList();
            audit.record("matter.threads_listed", "matter", matterId.toString(), Map.of("count", items.size()));
            return new ThreadList(items);
        });
    }

    /** Starts a thread with its first message; a document's conversation is started once. */
    @PostMapping("/api/v1/matters/{id}/threads")
    public ResponseEntity<ThreadView> start(@PathVariable String id, @Valid @RequestBody StartThreadRequest body,
                                            HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID matterId = ApiProblem.pathId(id, "Matter");
        String text = Texts.body(body.body());
        String subject = Texts.subject(body.subject());
        ThreadView created = tenancy.write(p.scope(), () -> {
            matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            String attachments = attachments(matterId, body.attachments());
            UUID threadId;
            try {
                threadId = conversation.startThread(matterId, body.documentId(), subject, p.userId());
            } catch (DuplicateKeyException e) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Conversation exists",
                        "The document already has a conversation; post to it (GET /api/v1/matters/" + id + "/threads).");
            } catch (DataAccessException e) {
                throw refusedAs(e, body.documentId() == null ? "Matter " + id : "Document " + body.documentId());
            }
            Message first = conversation.post(new NewMessage(threadId, p.userId(), kind(p), null, text, attachments,
                    "portal", null)).message();
            mirror.queue(first);
            audit.record("thread.started", "thread", threadId.toString(), Map.of("matterId", matterId.toString(),
                    "messageId", first.id().toString(), "anchored", body.documentId() != null));
            return view(conversation.thread(threadId, p.userId()).orElseThrow());
        });
        return ResponseEntity.created(URI.create("/api/v1/threads/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/threads/{id}")
    public ThreadView thread(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID threadId = ApiProblem.pathId(id, "Thread");
        return tenancy.write(p.scope(), () -> {
            Thread t = conversation.thread(threadId, p.userId()).orElseThrow(() -> ApiProblem.notFound("Thread " + id));
            audit.record("thread.viewed", "thread", threadId.toString(), Map.of());
            return view(t);
        });
    }

    /** A page of the thread's messages, oldest first; reading it moves the caller's unread mark past them. */
    @GetMapping("/api/v1/threads/{id}/messages")
    public MessagePage messages(@PathVariable String id, @RequestParam(required = false) String after,
                                @RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID threadId = ApiProblem.pathId(id, "Thread");
        int size = Cursors.limit(limit);
        var position = Cursors.decode(after, "after");
        return tenancy.write(p.scope(), () -> {
            conversation.thread(threadId, p.userId()).orElseThrow(() -> ApiProblem.notFound("Thread " + id));
            List<Message> page = conversation.messages(threadId, position, size + 1);
            List<Message> shown = page.subList(0, Math.min(size, page.size()));
            if (!shown.isEmpty()) {
                conversation.markRead(threadId, p.userId(), shown.get(shown.size() - 1).createdAt());
            }
            audit.record("thread.read", "thread", threadId.toString(), Map.of("count", shown.size()));
            Message last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            String next = page.size() > size ? Cursors.encode(last.createdAt(), last.id()) : null;
            return new MessagePage(shown.stream().map(m -> view(m, p)).toList(), next);
        });
    }

    @PostMapping("/api/v1/threads/{id}/messages")
    public ResponseEntity<MessageView> post(@PathVariable String id, @Valid @RequestBody PostMessageRequest body,
                                            HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID threadId = ApiProblem.pathId(id, "Thread");
        String text = Texts.body(body.body());
        MessageView posted = tenancy.write(p.scope(), () -> {
            UUID matterId = conversation.threadMatter(threadId).orElseThrow(() -> ApiProblem.notFound("Thread " + id));
            String attachments = attachments(matterId, body.attachments());
            Message m;
            try {
                m = conversation.post(new NewMessage(threadId, p.userId(), kind(p), null, text, attachments, "portal",
                        null)).message();
            } catch (DataAccessException e) {
                throw refusedAs(e, "Thread " + id);
            }
            mirror.queue(m);
            conversation.markRead(threadId, p.userId(), m.createdAt());
            audit.record("message.posted", "message", m.id().toString(), Map.of("threadId", threadId.toString(),
                    "attachments", body.attachments() == null ? 0 : body.attachments().size()));
            return view(m, p);
        });
        return ResponseEntity.created(URI.create("/api/v1/threads/" + threadId + "/messages")).body(posted);
    }

    @GetMapping("/api/v1/matters/{id}/timeline")
    public TimelinePage matter(@PathVariable String id, @RequestParam(required = false) String before,
                               @RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        return timeline(request, "Matter", id, before, limit,
                matterId -> matters.findVisible(matterId).isPresent(), timeline::matter);
    }

    @GetMapping("/api/v1/documents/{id}/timeline")
    public TimelinePage document(@PathVariable String id, @RequestParam(required = false) String before,
                                 @RequestParam(defaultValue = "50") int limit, HttpServletRequest request) {
        return timeline(request, "Document", id, before, limit,
                documentId -> documents.find(documentId).isPresent(), timeline::document);
    }

    /** A page of a matter's or a document's timeline, once the caller is shown to see it; audited. */
    private TimelinePage timeline(HttpServletRequest request, String what, String id, String before, int limit,
                                  java.util.function.Predicate<UUID> visible, TimelineSource source) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID subject = ApiProblem.pathId(id, what);
        int size = Cursors.limit(limit);
        var position = Cursors.decode(before, "before");
        return tenancy.write(p.scope(), () -> {
            if (!visible.test(subject)) {
                throw ApiProblem.notFound(what + " " + id);
            }
            List<Entry> fetched = source.page(subject, position, size + 1);
            List<Entry> shown = fetched.subList(0, Math.min(size, fetched.size()));
            Entry last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            String next = fetched.size() > size ? Cursors.encode(last.at(), last.id()) : null;
            audit.record(what.toLowerCase(java.util.Locale.ROOT) + ".timeline_viewed", what.toLowerCase(java.util.Locale.ROOT),
                    subject.toString(), Map.of("count", shown.size()));
            return new TimelinePage(shown.stream().map(e -> new TimelineEntry(e.kind(), e.at(), e.id(), e.threadId(),
                    e.documentId(), e.actor(), e.title(), e.detail())).toList(), next);
        });
    }

    /** One of the timeline repository's reads: a page before a position. */
    private interface TimelineSource {
        List<Entry> page(UUID subject, ConversationRepository.Position before, int limit);
    }

    /** The attachments as stored: documents of the thread's matter that the caller sees, each named once. */
    private String attachments(UUID matterId, List<UUID> ids) {
        List<UUID> wanted = ids == null ? List.of() : ids.stream().distinct().toList();
        var found = conversation.documentsOfMatter(matterId, wanted);
        if (found.size() != wanted.size()) {
            // Another matter's document, or one the caller may not see, is absent: 404, as the document itself answers.
            var seen = found.stream().map(ConversationRepository.DocumentRef::id).toList();
            UUID missing = wanted.stream().filter(w -> !seen.contains(w)).findFirst().orElseThrow();
            throw ApiProblem.notFound("Document " + missing);
        }
        try {
            return json.writeValueAsString(found.stream().map(d -> new Attachment(d.id(), d.title())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row-level security's refusal of a write reads, to the caller, as the subject not being there. */
    private static RuntimeException refusedAs(DataAccessException e, String what) {
        String state = SqlStates.of(e);
        if ("42501".equals(state) || "23503".equals(state)) {
            return ApiProblem.notFound(what);
        }
        return e;
    }

    private static String kind(PortalPrincipal p) {
        return p.isClient() ? "client" : "staff";
    }

    static ThreadView view(Thread t) {
        return new ThreadView(t.id(), t.matterId(), t.documentId(), t.subject(), t.createdAt(), t.lastMessageAt(),
                t.messageCount(), t.unread());
    }

    private MessageView view(Message m, PortalPrincipal p) {
        List<Attachment> attachments;
        try {
            attachments = json.readValue(m.attachmentsJson(), ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attachments of message " + m.id() + " are not a list", e);
        }
        Author author = new Author(AuthorKind.valueOf(m.authorKind()), m.authorName(),
                m.authorId() != null && m.authorId().equals(p.userId()) ? Boolean.TRUE : null);
        return new MessageView(m.id(), m.threadId(), author, m.body(), attachments,
                Origin.valueOf(m.origin().toLowerCase(Locale.ROOT)), m.createdAt());
    }
}
