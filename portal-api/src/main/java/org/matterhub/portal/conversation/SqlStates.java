package org.matterhub.portal.conversation;

import java.sql.SQLException;

/** What PostgreSQL said about a refused write. */
final class SqlStates {

    private SqlStates() {
    }

    /** The SQLSTATE behind a data access failure, if PostgreSQL gave one. */
    static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
