package org.matterhub.portal.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.model.ConversationRepository.Position;
import org.springframework.http.HttpStatus;

/**
 * Opaque page cursors: the last item's time (to the microsecond PostgreSQL keeps) and id, base64url. A cursor is a
 * position, not a permission: the page it continues is read under the caller's own row-level security.
 */
final class Cursors {

    private Cursors() {
    }

    static String encode(Instant at, UUID id) {
        String raw = at.getEpochSecond() + "." + at.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor names; null for none; 400 for anything that is not a cursor this API gave out. */
    static Position decode(String cursor, String parameter) {
        if (cursor == null) {
            return null;
        }
        try {
            if (cursor.length() > 120) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            if (dot < 1 || colon < dot) {
                throw new IllegalArgumentException("shape");
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Integer.parseInt(raw.substring(dot + 1, colon)));
            return new Position(at, UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid cursor",
                    parameter + " must be a cursor from an earlier page of the same list.");
        }
    }

    static int limit(int limit) {
        if (limit < 1 || limit > 200) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid paging", "limit must be 1–200.");
        }
        return limit;
    }
}
