package org.matterhub.simulators.clio;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Conversations and their messages as {@link ClioConversationData} keeps them (mutable, guarded by the data lock). */
final class ClioConversationRecords {

    private ClioConversationRecords() {
    }

    /**
     * Someone who sends or receives a message: a firm {@code User} or a {@code Contact} (rendered with the contact's
     * own type, {@code Person} or {@code Company}, as Clio's {@code Participant_base} says).
     */
    record Participant(long id, String type, String name) {
        boolean isUser() {
            return "User".equals(type);
        }

        /** The key {@code contact_id} filters on: contacts are matched by id, users are not. */
        String key() {
            return (isUser() ? "User:" : "Contact:") + id;
        }
    }

    /** A conversation: its subject, the matter it belongs to (or none), its members and messages in order. */
    static final class Conversation extends ClioRecords.Stamped {
        final Long matterId;
        final String subject;
        final Set<Participant> members = new LinkedHashSet<>();
        final List<Long> messageIds = new ArrayList<>();
        boolean archived;

        Conversation(long id, Long matterId, String subject) {
            super(id, "conversation");
            this.matterId = matterId;
            this.subject = subject;
        }
    }

    /** One message: its body, sender and receivers. Messages are never edited (Clio offers no update). */
    static final class Message extends ClioRecords.Stamped {
        final long conversationId;
        final Participant sender;
        final List<Participant> receivers;
        final String body;
        LocalDate date;

        Message(long id, long conversationId, Participant sender, List<Participant> receivers, String body) {
            super(id, "conversation_message");
            this.conversationId = conversationId;
            this.sender = sender;
            this.receivers = List.copyOf(receivers);
            this.body = body;
        }
    }
}
