package org.matterhub.store.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The settings the application binds to every transaction, read from the binding statement itself. */
public final class TenantSettings {

    private static final Pattern SET_CONFIG = Pattern.compile("set_config\\('([^']+)'");

    private TenantSettings() {
    }

    /** Every setting name {@link TenantBindingTransactionManager} binds, in order (e.g. {@code matterhub.firm_id}). */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        Matcher m = SET_CONFIG.matcher(TenantBindingTransactionManager.BIND_SQL);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** The binding statement, for a test that must see every set_config in it accounted for. */
    public static String bindSql() {
        return TenantBindingTransactionManager.BIND_SQL;
    }
}
