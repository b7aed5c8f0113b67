package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.tenancy.Actor;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.matterhub.store.tenancy.TenantSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** Isolation is enforced by PostgreSQL itself, through the application's own DataSource and role. */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired Tenancy tenancy;
    @Autowired StoreEndpoint endpoint;
    @Autowired AuditLog audit;
    TwoFirmFixture fixture;

    @BeforeAll
    void seed() {
        fixture = new TwoFirmFixture(endpoint);
        fixture.seedSecondOrgOfFirmA(endpoint, tenantTables());
    }

    /**
     * Tables that hold no firm's data, each with its reason. Everything else in every schema (partitions included) is
     * a tenant table and must carry row-level security, enabled and forced, with the firm isolation policy.
     */
    static final Map<String, String> NOT_TENANT_DATA = Map.ofEntries(
            Map.entry("public.flyway_schema_history", "migration history"),
            Map.entry("public.rate_limit_bucket", "vendor token counts under vendor scope ids (V13)"),
            Map.entry("public.qrtz_job_details", "Quartz"), Map.entry("public.qrtz_triggers", "Quartz"),
            Map.entry("public.qrtz_simple_triggers", "Quartz"), Map.entry("public.qrtz_cron_triggers", "Quartz"),
            Map.entry("public.qrtz_simprop_triggers", "Quartz"), Map.entry("public.qrtz_blob_triggers", "Quartz"),
            Map.entry("public.qrtz_calendars", "Quartz"), Map.entry("public.qrtz_paused_trigger_grps", "Quartz"),
            Map.entry("public.qrtz_fired_triggers", "Quartz"), Map.entry("public.qrtz_scheduler_state", "Quartz"),
            Map.entry("public.qrtz_locks", "Quartz"));

    /** Every ordinary and partitioned table, and every partition, of every non-system schema, with its protection. */
    static final String CATALOG_SQL = """
            select format('%I.%I', n.nspname, c.relname) as name, c.relkind::text as kind, c.relispartition as partition,
                   c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                   exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'firm_id'
                             and not a.attisdropped) as has_firm_id,
                   exists (select 1 from pg_policies p
                            where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname = 'tenant_isolation'
                              and p.permissive = 'RESTRICTIVE' and p.cmd = 'ALL'
                              and p.qual = '(firm_id = mh_firm())' and p.with_check = '(firm_id = mh_firm())') as isolated
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p') and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
             order by 1""";

    /** What the catalog says is wrong: a tenant table without forced RLS and the isolation policy, or a mislabelled one. */
    static List<String> isolationViolations(JdbcTemplate catalog) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> t : catalog.queryForList(CATALOG_SQL)) {
            String name = (String) t.get("name");
            if (NOT_TENANT_DATA.containsKey(name)) {
                if (Boolean.TRUE.equals(t.get("has_firm_id"))) {
                    problems.add(name + " is listed as holding no firm data but has a firm_id column");
                }
                continue;
            }
            if (!Boolean.TRUE.equals(t.get("enabled")) || !Boolean.TRUE.equals(t.get("forced"))
                    || !Boolean.TRUE.equals(t.get("isolated"))) {
                problems.add(name + " (" + t.get("kind") + (Boolean.TRUE.equals(t.get("partition")) ? ", partition" : "")
                        + "): rls enabled=" + t.get("enabled") + " forced=" + t.get("forced")
                        + " tenant_isolation policy=" + t.get("isolated"));
            }
        }
        return problems;
    }

    /** The tenant tables, schema-qualified: every table the catalog shows carrying the firm isolation policy. */
    List<String> tenantTables() {
        List<String> tables = new ArrayList<>();
        for (Map<String, Object> t : jdbc.queryForList(CATALOG_SQL)) {
            if (Boolean.TRUE.equals(t.get("isolated"))) {
                tables.add((String) t.get("name"));
            }
        }
        return tables;
    }

    @Test
    void everyTableOfEverySchemaIsATenantTableWithForcedIsolationOrDeclaredToHoldNoFirmData() {
        assertThat(isolationViolations(jdbc)).isEmpty();
        assertThat(tenantTables()).hasSizeGreaterThanOrEqualTo(30).contains("public.matter", "public.payment_posting");
    }

    /** The catalog check is not vacuous: tables created here without the policy, as a migration might, fail it. */
    @Test
    void aTableWithoutForcedIsolationFailsTheCatalogCheckInAnySchemaKeyedByAnyColumnOrPartitioned() throws Exception {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            try {
                s.execute("create schema rls_probe");
                s.execute("create table rls_probe.leaky (firm_id uuid not null, note text)");
                s.execute("create table public.rls_probe_by_connection (connection_id uuid not null, note text)");
                s.execute("create table public.rls_probe_parted (firm_id uuid not null, at date not null) partition by range (at)");
                s.execute("alter table public.rls_probe_parted enable row level security");
                s.execute("alter table public.rls_probe_parted force row level security");
                s.execute("create policy tenant_isolation on public.rls_probe_parted as restrictive "
                        + "using (firm_id = mh_firm()) with check (firm_id = mh_firm())");
                s.execute("create table public.rls_probe_parted_2026 partition of public.rls_probe_parted "
                        + "for values from ('2026-01-01') to ('2027-01-01')");
                s.execute("create table public.rls_probe_enabled_not_forced (firm_id uuid not null)");
                s.execute("alter table public.rls_probe_enabled_not_forced enable row level security");
                s.execute("create policy tenant_isolation on public.rls_probe_enabled_not_forced as restrictive "
                        + "using (firm_id = mh_firm()) with check (firm_id = mh_firm())");
                assertThat(isolationViolations(jdbc)).extracting(v -> v.substring(0, v.indexOf(' ')))
                        .containsExactlyInAnyOrder("rls_probe.leaky", "public.rls_probe_by_connection",
                                "public.rls_probe_parted_2026", "public.rls_probe_enabled_not_forced");
            } finally {
                s.execute("drop schema if exists rls_probe cascade");
                s.execute("drop table if exists public.rls_probe_by_connection, public.rls_probe_parted, "
                        + "public.rls_probe_enabled_not_forced");
            }
        }
        assertThat(isolationViolations(jdbc)).isEmpty();
    }

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForced() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace
                 where format('%I.%I', n.nspname, c.relname) = any (?)""", (Object) tenantTables().toArray(String[]::new));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(24);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("relrowsecurity")).as("RLS enabled on %s", r.get("relname")).isEqualTo(true);
            assertThat(r.get("relforcerowsecurity")).as("RLS forced on %s", r.get("relname")).isEqualTo(true);
        });
        assertThat(rows).extracting(r -> r.get("relname")).contains("matter", "contact", "portal_user", "invoice",
                "document", "document_version", "message", "outbox", "inbox", "dead_letter", "audit_event", "external_ref");
    }

    @Test
    void applicationRoleOwnsNothingAndCannotBypass() {
        Map<String, Object> role = jdbc.queryForMap("select rolsuper, rolbypassrls, rolcreaterole from pg_roles "
                + "where rolname = current_user");
        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false)
                .containsEntry("rolcreaterole", false);
        Long owned = jdbc.queryForObject("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
                + "where r.rolname = current_user", Long.class);
        assertThat(owned).isZero();
    }

    @Test
    void firmAWithNoWhereClauseSeesNoRowOfFirmBInAnyTenantTable() {
        for (Actor actor : Actor.values()) {
            TenantScope scope = new TenantScope(fixture.firmA, actor == Actor.CLIENT ? fixture.userA : fixture.partnerA, actor);
            for (String table : tenantTables()) {
                List<UUID> firms = tenancy.read(scope, () -> jdbc.queryForList("select firm_id from " + table, UUID.class));
                assertThat(firms).as("%s as %s", table, actor).doesNotContain(fixture.firmB);
                if (actor != Actor.CLIENT) {
                    assertThat(firms).as("%s as %s sees its own rows", table, actor).contains(fixture.firmA);
                }
            }
        }
    }

    @Test
    void staffWithoutAssignmentsSeeNoMatterWhilePartnersSeeAll() {
        UUID staff = UUID.randomUUID();
        tenancy.writeVoid(TenantScope.system(fixture.firmA), () -> jdbc.update("insert into portal_user (id, firm_id, email, "
                + "display_name, kind, firm_role, status) values (?, ?, 'staff@a.example', 'Staff', 'firm', 'staff', 'active')",
                staff, fixture.firmA));
        long asStaff = tenancy.read(TenantScope.staff(fixture.firmA, staff),
                () -> jdbc.queryForObject("select count(*) from matter", Long.class));
        long asPartner = tenancy.read(TenantScope.staff(fixture.firmA, fixture.partnerA),
                () -> jdbc.queryForObject("select count(*) from matter", Long.class));
        long all = tenancy.read(TenantScope.system(fixture.firmA), () -> jdbc.queryForObject("select count(*) from matter", Long.class));
        assertThat(asStaff).isZero();
        assertThat(asPartner).isEqualTo(all).isGreaterThanOrEqualTo(2);
        tenancy.writeVoid(TenantScope.system(fixture.firmA),
                () -> jdbc.update("update matter set responsible_attorney_email = 'STAFF@a.example'"));
        assertThat(tenancy.read(TenantScope.staff(fixture.firmA, staff),
                () -> jdbc.queryForObject("select count(*) from matter", Long.class))).isEqualTo(all);
    }

    @Test
    void aClientOfOrgASeesNoRowOfAnotherOrgOfTheSameFirmInAnyTenantTable() {
        TenantScope clientA = TenantScope.client(fixture.firmA, fixture.userA);
        TenantScope clientA2 = TenantScope.client(fixture.firmA, fixture.userA2);
        int checked = 0;
        for (String table : tenantTables()) {
            var otherOrgRows = fixture.secondOrgRows.get(table);
            List<String> visible = tenancy.read(clientA, () -> jdbc.queryForList("select x::text from " + table + " x", String.class));
            if (!otherOrgRows.isEmpty()) {
                assertThat(visible).as("%s as a client of org A", table).doesNotContainAnyElementsOf(otherOrgRows);
            }
            List<String> visibleToOwner = tenancy.read(clientA2, () -> jdbc.queryForList("select x::text from " + table + " x", String.class));
            if (!otherOrgRows.isEmpty() && !visibleToOwner.isEmpty()) {
                checked++;
            }
        }
        // The check is not vacuous: the second org's own admin does see its rows in the client-visible tables.
        assertThat(checked).isGreaterThanOrEqualTo(12);
    }

    @Test
    void withoutABoundScopeEveryTenantTableIsEmpty() {
        for (String table : tenantTables()) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as(table).isZero();
        }
    }

    @Test
    void aFirmCannotWriteIntoAnotherFirm() {
        TenantScope a = TenantScope.system(fixture.firmA);
        assertThatThrownBy(() -> tenancy.writeVoid(a, () -> jdbc.update(
                "insert into client_org (firm_id, name) values (?, 'smuggled')", fixture.firmB)))
                .rootCause().hasMessageContaining("row-level security");
        int updated = tenancy.write(a, () -> jdbc.update("update matter set description = 'x' where firm_id = ?", fixture.firmB));
        assertThat(updated).isZero();
    }

    @Test
    void auditEventsAreAppendOnlyAndChained() {
        TenantScope a = TenantScope.system(fixture.firmA);
        tenancy.writeVoid(a, () -> audit.record("test.one", "matter", "1", Map.of("k", "v")));
        tenancy.writeVoid(a, () -> audit.record("test.two", "matter", "2", Map.of()));
        assertThat(tenancy.read(a, audit::verifyChain)).isTrue();
        assertThatThrownBy(() -> tenancy.writeVoid(a, () -> jdbc.update("delete from audit_event")))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> tenancy.writeVoid(a, () -> jdbc.update("update audit_event set action = 'x'")))
                .rootCause().hasMessageContaining("permission denied");
    }

    /** Thrown by the test itself, inside a transaction, after that transaction's checks; nothing else is caught. */
    static final class InjectedFailure extends RuntimeException {
        final int request;

        InjectedFailure(int request) {
            super("injected failure in request " + request, null, false, false);
            this.request = request;
        }
    }

    /** The value each tenant setting must have inside a transaction of {@code scope} ('' when the scope has none). */
    static Map<String, String> expectedSettings(TenantScope scope) {
        return Map.of("matterhub.firm_id", scope.firmId().toString(),
                "matterhub.user_id", scope.userId() == null ? "" : scope.userId().toString(),
                "matterhub.actor", scope.actor().settingValue());
    }

    /** The current value of each setting on whatever connection {@code jdbc} uses now (null when never set). */
    Map<String, String> currentSettings(List<String> names) {
        Map<String, String> values = new java.util.HashMap<>();
        for (Map<String, Object> r : jdbc.queryForList("select n, current_setting(n, true) as v from unnest(?::text[]) n",
                (Object) names.toArray(String[]::new))) {
            values.put((String) r.get("n"), (String) r.get("v"));
        }
        return values;
    }

    /**
     * Ten thousand transactions of both firms, as clients, staff, ops and the system (with and without a user), read-only
     * and read-write, on a pool of two connections shared by eight threads. Inside each: every tenant setting the
     * application binds has exactly its own value and the firm sees only its own rows. After each, whatever its outcome,
     * an unscoped statement on the pool sees every setting empty. One in seven transactions throws after its checks; one in
     * seven is refused by PostgreSQL mid-way (a cross-firm insert); only those exact errors are accepted.
     */
    @Test
    void tenThousandInterleavedTransactionsOnTwoConnectionsNeverSeeTheOtherTenant() throws Exception {
        List<String> settings = TenantSettings.names();
        // Every setting the application binds is one this test knows the expected value of: a new one fails here first.
        assertThat(settings).containsExactlyInAnyOrderElementsOf(expectedSettings(TenantScope.system(fixture.firmA)).keySet());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger failuresInjected = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger checkedInside = new AtomicInteger();
        AtomicInteger checkedAfter = new AtomicInteger();
        java.util.Queue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                boolean isA = n % 2 == 0;
                UUID firm = isA ? fixture.firmA : fixture.firmB;
                UUID other = isA ? fixture.firmB : fixture.firmA;
                TenantScope scope = switch (n % 5) {
                    case 0 -> TenantScope.client(firm, isA ? fixture.userA : fixture.userB);
                    case 1 -> TenantScope.staff(firm, isA ? fixture.partnerA : fixture.partnerB);
                    case 2 -> TenantScope.system(firm);
                    case 3 -> new TenantScope(firm, null, Actor.OPS);
                    default -> new TenantScope(firm, isA ? fixture.partnerA : fixture.partnerB, Actor.SYSTEM);
                };
                Map<String, String> expected = expectedSettings(scope);
                java.util.function.Supplier<Object> work = () -> {
                    Map<String, String> bound = currentSettings(settings);
                    if (!bound.equals(expected)) {
                        problems.add("request " + n + " bound " + bound + " instead of " + expected);
                    }
                    List<UUID> seen = jdbc.queryForList("select firm_id from matter", UUID.class);
                    if (seen.stream().anyMatch(f -> !f.equals(firm))) {
                        problems.add("request " + n + " saw another firm's matter");
                    }
                    checkedInside.incrementAndGet();
                    if (n % 7 == 0) {
                        failuresInjected.incrementAndGet();
                        throw new InjectedFailure(n);
                    }
                    if (n % 7 == 3) {
                        jdbc.update("insert into client_org (firm_id, name) values (?, 'smuggled')", other);
                        problems.add("request " + n + " inserted into another firm");
                    }
                    return null;
                };
                try {
                    if (n % 3 == 0 && n % 7 != 3) {
                        tenancy.read(scope, work);
                    } else {
                        tenancy.write(scope, work);
                    }
                    if (n % 7 == 0 || n % 7 == 3) {
                        problems.add("request " + n + " did not fail as it should");
                    }
                } catch (InjectedFailure e) {
                    if (n % 7 != 0 || e.request != n) {
                        problems.add("request " + n + " saw an injected failure not its own: " + e.getMessage());
                    }
                } catch (org.springframework.dao.DataAccessException e) {
                    if (n % 7 == 3 && SqlRefusal.isPolicyRefusal(e, "client_org")) {
                        refusals.incrementAndGet();
                    } else {
                        problems.add("request " + n + " failed unexpectedly: " + e);
                    }
                }
                // Whatever happened, the pooled connections carry nothing to the next borrower.
                Map<String, String> after = currentSettings(settings);
                if (after.values().stream().anyMatch(v -> v != null && !v.isEmpty())) {
                    problems.add("after request " + n + " a pooled connection still carries " + after);
                }
                checkedAfter.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : results) {
            f.get();
        }
        pool.shutdown();
        assertThat(problems).isEmpty();
        assertThat(checkedInside.get()).isEqualTo(10_000);
        assertThat(checkedAfter.get()).isEqualTo(10_000);
        assertThat(failuresInjected.get()).isEqualTo(1429);
        assertThat(refusals.get()).isEqualTo(1429);
        // After all that, an unscoped statement on a pooled connection carries no tenant.
        assertThat(jdbc.queryForObject("select coalesce(current_setting('matterhub.firm_id', true), '')", String.class)).isEmpty();
    }
}
