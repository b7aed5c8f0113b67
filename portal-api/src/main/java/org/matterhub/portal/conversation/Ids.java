package org.matterhub.portal.conversation;

import java.sql.SQLException;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;

/** Identifiers in paths: a UUID in its canonical form, or the subject is not there (404). */
final class Ids {

    private Ids() {
    }

    static UUID parse(String id, String what) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // falls through: not an id of anything
        }
        throw ApiProblem.notFound(what + " " + id);
    }

    /** The SQLSTATE behind a data access failure, if PostgreSQL gave one. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
