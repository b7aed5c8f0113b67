package org.matterhub.portal.conversation;

import org.matterhub.portal.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** What a message or subject may hold: text, without control characters other than line breaks and tabs. */
final class Texts {

    private Texts() {
    }

    static String body(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            throw invalid("body", "must not be blank");
        }
        checkCharacters(text, "body", true);
        return text;
    }

    static String subject(String subject) {
        String text = subject.strip();
        checkCharacters(text, "subject", false);
        return text;
    }

    private static void checkCharacters(String text, String field, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((Character.isISOControl(c) && !(multiline && lineBreak)) || (!multiline && lineBreak)
                    || Character.getType(c) == Character.UNASSIGNED || (Character.isSurrogate(c) && !pairedAt(text, i))) {
                throw invalid(field, multiline ? "must not contain control characters other than line breaks and tabs"
                        : "must be one line without control characters");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
    }

    private static boolean pairedAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", field + " " + message + ".");
    }
}
