package org.matterhub.routes.documents;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a client's decision reads where it is written back — a DMS profile field and a Clio matter note — and the
 * marker that makes each write recognisable: {@code [matterhub action <id> at <instant>]}. The marker lets a retry
 * find the note it already created (Clio has no idempotency key), and lets a late retry of an older decision see that
 * a newer one is already in the profile field and leave it alone. Pure.
 */
public final class DecisionTexts {

    private static final Pattern MARKER = Pattern.compile("\\[matterhub action ([0-9a-fA-F-]{36})(?: at (\\S+?))?\\]");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private DecisionTexts() {
    }

    /** {@code [matterhub action <id> at <instant>]}. */
    public static String marker(DocumentDecision d) {
        return "[matterhub action " + d.actionId() + " at " + d.occurredAt() + "]";
    }

    /** "approved", "requested changes to", "closed". */
    static String verb(String action) {
        return switch (action) {
            case "approve" -> "approved";
            case "request_changes" -> "requested changes to";
            case "close" -> "closed";
            default -> throw new IllegalArgumentException("Unknown client action " + action);
        };
    }

    /**
     * The profile field's new value, at most {@code max} characters: "Client approved v3 on 2025-03-01 10:00 UTC:
     * comment [marker]" — the comment is shortened, never the marker.
     */
    public static String profileText(DocumentDecision d, int max) {
        String head = "Client " + verb(d.action()) + (d.versionNumber() == null ? "" : " v" + d.versionNumber())
                + " on " + WHEN.format(d.occurredAt());
        String marker = marker(d);
        String comment = d.comment() == null ? "" : ": " + d.comment().replaceAll("\\s+", " ").strip();
        int room = max - head.length() - marker.length() - 1;
        if (comment.length() > room) {
            comment = room > 1 ? comment.substring(0, room - 1) + "…" : "";
        }
        return head + comment + " " + marker;
    }

    /** The action a text's marker names, if it carries one. */
    public static Optional<UUID> writtenAction(String text) {
        Matcher m = text == null ? null : MARKER.matcher(text);
        return m != null && m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    /** When the decision a text's marker names was taken, if it says. */
    public static Optional<Instant> writtenAt(String text) {
        Matcher m = text == null ? null : MARKER.matcher(text);
        if (m == null || !m.find() || m.group(2) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(m.group(2)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a profile field already holding {@code current} should be left alone: it carries this decision (a retry
     * after a lost response) or a later one (this row was retried after a newer decision was delivered).
     */
    public static boolean alreadyCurrent(String current, DocumentDecision d) {
        if (writtenAction(current).filter(d.actionId()::equals).isPresent()) {
            return true;
        }
        return writtenAt(current).map(at -> at.isAfter(d.occurredAt())).orElse(false);
    }

    /** A Clio note's subject: "Client approved “Title” (v3)". */
    public static String noteSubject(DocumentDecision d) {
        return "Client " + verb(d.action()) + " “" + d.title() + "”" + (d.versionNumber() == null ? "" : " (v" + d.versionNumber() + ")");
    }

    /** A Clio note's body: who decided what, when, their comment, and the marker. */
    public static String noteDetail(DocumentDecision d, String clientName) {
        StringBuilder sb = new StringBuilder();
        sb.append(clientName == null || clientName.isBlank() ? "The client" : clientName).append(' ')
                .append(verb(d.action())).append(' ')
                .append(d.versionNumber() == null ? "" : "version " + d.versionNumber() + " of ")
                .append('“').append(d.title()).append("” in the client portal on ").append(WHEN.format(d.occurredAt()))
                .append('.');
        if (d.comment() != null && !d.comment().isBlank()) {
            sb.append("\n\nComment: ").append(d.comment().strip());
        }
        return sb.append("\n\n").append(marker(d)).toString();
    }
}
