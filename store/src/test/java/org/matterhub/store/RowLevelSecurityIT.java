package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    List<String> tenantTables() {
        return jdbc.queryForList("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'public' and c.relkind = 'r'
                   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'firm_id')
                 order by 1""", String.class);
    }

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForced() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = 'public' and c.relkind = 'r'
                   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'firm_id')""");
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

    @Test
    void tenThousandInterleavedTransactionsOnTwoConnectionsNeverSeeTheOtherTenant() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger failuresInjected = new AtomicInteger();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                boolean isA = n % 2 == 0;
                UUID firm = isA ? fixture.firmA : fixture.firmB;
                boolean client = n % 3 == 0;
                UUID user = client ? (isA ? fixture.userA : fixture.userB) : (isA ? fixture.partnerA : fixture.partnerB);
                TenantScope scope = new TenantScope(firm, user, client ? Actor.CLIENT : Actor.STAFF);
                try {
                    return tenancy.write(scope, () -> {
                        String bound = jdbc.queryForObject("select current_setting('matterhub.firm_id', true)", String.class);
                        List<UUID> seen = jdbc.queryForList("select firm_id from matter", UUID.class);
                        if (n % 7 == 0) {
                            failuresInjected.incrementAndGet();
                            throw new IllegalStateException("injected failure mid-transaction");
                        }
                        if (!firm.toString().equals(bound)) {
                            return "request " + n + " bound " + bound + " instead of " + firm;
                        }
                        if (seen.stream().anyMatch(f -> !f.equals(firm))) {
                            return "request " + n + " saw another firm's matter";
                        }
                        return "ok";
                    });
                } catch (IllegalStateException injected) {
                    return "ok";
                }
            }));
        }
        List<String> problems = new ArrayList<>();
        for (Future<String> f : results) {
            String r = f.get();
            if (!"ok".equals(r)) {
                problems.add(r);
            }
        }
        pool.shutdown();
        assertThat(failuresInjected.get()).isGreaterThan(1000);
        assertThat(problems).isEmpty();
        // After all that, an unscoped statement on a pooled connection carries no tenant.
        assertThat(jdbc.queryForObject("select coalesce(current_setting('matterhub.firm_id', true), '')", String.class)).isEmpty();
    }
}
