package org.matterhub.store.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Binds the thread's {@link TenantScope} to each transaction as it begins, with transaction-local settings
 * ({@code set_config(name, value, true)}): they vanish at commit or rollback, so a connection returned to the
 * pool carries nothing to its next user. With no scope, the settings are bound empty and every tenant table
 * reads as empty.
 */
public class TenantBindingTransactionManager extends JdbcTransactionManager {

    static final String BIND_SQL = "select set_config('matterhub.firm_id', ?, true), "
            + "set_config('matterhub.user_id', ?, true), set_config('matterhub.actor', ?, true)";

    public TenantBindingTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        TenantScope scope = TenantContext.current().orElse(null);
        try (PreparedStatement ps = con.prepareStatement(BIND_SQL)) {
            ps.setString(1, scope == null ? "" : scope.firmId().toString());
            ps.setString(2, scope == null || scope.userId() == null ? "" : scope.userId().toString());
            ps.setString(3, scope == null ? "" : scope.actor().settingValue());
            ps.execute();
        }
    }
}
