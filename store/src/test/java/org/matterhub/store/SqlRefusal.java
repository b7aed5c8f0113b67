package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;

/**
 * The one way isolation tests accept an error: the statement reached PostgreSQL through Spring's JDBC support
 * (a {@link DataAccessException}), and PostgreSQL refused it with exactly the expected SQLSTATE and message. A syntax
 * error, a missing column, a Java exception before the statement: each fails the test instead of passing it.
 */
public final class SqlRefusal {

    /** 42501 insufficient_privilege: a permission denied, a row-level security WITH CHECK, or our guard triggers. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    private SqlRefusal() {
    }

    /** Runs {@code call}, which must fail with {@code sqlState} and a server message containing {@code message}. */
    public static PSQLException assertRefused(ThrowingCallable call, String sqlState, String message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the statement must be refused by PostgreSQL").isInstanceOf(DataAccessException.class);
        Throwable cause = ((DataAccessException) thrown).getMostSpecificCause();
        assertThat(cause).as("the database's own error").isInstanceOf(PSQLException.class);
        PSQLException sql = (PSQLException) cause;
        assertThat(sql.getSQLState()).as("SQLSTATE of: %s", sql.getMessage()).isEqualTo(sqlState);
        assertThat(sql.getServerErrorMessage()).as("server message").isNotNull();
        assertThat(sql.getServerErrorMessage().getMessage()).contains(message);
        return sql;
    }

    /**
     * A row-level security WITH CHECK failure on {@code table}: 42501 and PostgreSQL's own wording, which names the policy
     * when a restrictive one (the firm isolation) failed: {@code new row violates row-level security policy ["name"] for
     * table "t"}.
     */
    public static PSQLException assertPolicyRefuses(ThrowingCallable call, String table) {
        PSQLException e = assertRefused(call, INSUFFICIENT_PRIVILEGE, "new row violates row-level security policy");
        assertThat(e.getServerErrorMessage().getMessage()).matches(policyViolation(table));
        return e;
    }

    static String policyViolation(String table) {
        return "new row violates row-level security policy( \"[a-z_]+\")? for table \"" + java.util.regex.Pattern.quote(table) + "\"";
    }

    /** True when {@code e} is, through Spring, PostgreSQL refusing a new row of {@code table} by row-level security. */
    public static boolean isPolicyRefusal(Throwable e, String table) {
        return isRefusal(e, INSUFFICIENT_PRIVILEGE) && ((PSQLException) ((DataAccessException) e).getMostSpecificCause())
                .getServerErrorMessage().getMessage().matches(policyViolation(table));
    }

    /** True when {@code e} is, through Spring, PostgreSQL's refusal with {@code sqlState}. */
    public static boolean isRefusal(Throwable e, String sqlState) {
        if (!(e instanceof DataAccessException dae)) {
            return false;
        }
        Throwable cause = dae.getMostSpecificCause();
        return cause instanceof PSQLException p && sqlState.equals(((SQLException) p).getSQLState());
    }
}
