package org.matterhub.config.support;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The row count of every table of the hub's schema, found from the catalog (a table added later is counted without
 * editing any test): "nothing stored" is then {@code RowCounts.of(hub)} equal before and after. Left out: the Quartz
 * tables and the vendor rate-limit buckets (the scheduler and the vendor budgets write there on their own) and the
 * migration history.
 */
public final class RowCounts {

    /** Tables that change in the background, whatever a test sends. */
    static final Set<String> BACKGROUND = Set.of("rate_limit_bucket", "flyway_schema_history");

    private RowCounts() {
    }

    /** Table name → rows, for every base table of the hub's schema the application role can read. */
    public static Map<String, Long> of(TestHub hub) {
        List<Map<String, Object>> tables = hub.query("""
                select quote_ident(t.table_schema::text) || '.' || quote_ident(t.table_name::text) as qualified,
                       t.table_name::text as table_name
                  from information_schema.tables t
                 where t.table_type = 'BASE TABLE'
                   and t.table_schema::text = (select n.nspname::text from pg_class c
                        join pg_namespace n on n.oid = c.relnamespace where c.relname = 'firm' and c.relkind = 'r' limit 1)
                   and has_table_privilege(quote_ident(t.table_schema::text) || '.' || quote_ident(t.table_name::text),
                        'SELECT')""");
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> t : tables) {
            String name = (String) t.get("table_name");
            if (!name.startsWith("qrtz_") && !BACKGROUND.contains(name)) {
                counts.put(name, hub.count("select count(*) from " + t.get("qualified")));
            }
        }
        if (counts.size() < 20) {
            throw new IllegalStateException("Only " + counts.size() + " tables found: " + counts.keySet());
        }
        return counts;
    }
}
