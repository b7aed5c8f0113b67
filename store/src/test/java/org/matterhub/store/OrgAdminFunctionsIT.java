package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.model.OrgAdminRepository;
import org.matterhub.store.model.OrgAdminRepository.Person;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The org-admin functions of V26, called as the application role with every id of another org and another firm, as
 * if the API's checks were wrong or missing: nothing outside the caller's own org is read or changed. Members, finance
 * users, staff and the system administer nothing. A client still cannot write memberships or grants directly.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgAdminFunctionsIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired Tenancy tenancy;
    @Autowired StoreEndpoint endpoint;
    @Autowired OrgAdminRepository orgs;

    final UUID firm = UUID.randomUUID();
    final UUID otherFirm = UUID.randomUUID();
    final UUID org = UUID.randomUUID();
    final UUID otherOrg = UUID.randomUUID();        // same firm
    final UUID foreignOrg = UUID.randomUUID();      // other firm
    final UUID admin = UUID.randomUUID();
    final UUID member = UUID.randomUUID();
    final UUID otherAdmin = UUID.randomUUID();
    final UUID otherMember = UUID.randomUUID();
    final UUID foreignAdmin = UUID.randomUUID();
    final UUID staff = UUID.randomUUID();
    final UUID matter = UUID.randomUUID();
    final UUID otherMatter = UUID.randomUUID();
    final UUID foreignMatter = UUID.randomUUID();

    @BeforeAll
    void seed() throws SQLException {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            for (UUID f : List.of(firm, otherFirm)) {
                s.execute("insert into firm (id, name, slug) values ('" + f + "', 'Firm', 'oa-" + f.toString().substring(0, 8) + "')");
            }
            Object[][] orgRows = {{org, firm, matter}, {otherOrg, firm, otherMatter}, {foreignOrg, otherFirm, foreignMatter}};
            for (Object[] o : orgRows) {
                s.execute("insert into client_org (id, firm_id, name) values ('" + o[0] + "', '" + o[1] + "', 'Org')");
                s.execute("insert into matter (id, firm_id, client_org_id, display_number, status) values ('" + o[2] + "', '"
                        + o[1] + "', '" + o[0] + "', 'OA', 'open')");
            }
            Object[][] people = {{admin, firm, org, "org_admin"}, {member, firm, org, "member"},
                    {otherAdmin, firm, otherOrg, "org_admin"}, {otherMember, firm, otherOrg, "member"},
                    {foreignAdmin, otherFirm, foreignOrg, "org_admin"}};
            for (Object[] p : people) {
                s.execute("insert into portal_user (id, firm_id, email, display_name, kind, status) values ('" + p[0] + "', '"
                        + p[1] + "', 'u-" + p[0] + "@oa.example', 'U', 'client', 'active')");
                s.execute("insert into membership (firm_id, user_id, client_org_id, role) values ('" + p[1] + "', '" + p[0]
                        + "', '" + p[2] + "', '" + p[3] + "')");
            }
            s.execute("insert into matter_grant (firm_id, user_id, matter_id) values ('" + firm + "', '" + otherMember + "', '"
                    + otherMatter + "')");
            s.execute("insert into portal_user (id, firm_id, email, display_name, kind, firm_role, status) values ('" + staff
                    + "', '" + firm + "', 'staff-" + staff + "@oa.example', 'S', 'firm', 'partner', 'active')");
        }
    }

    <T> T as(UUID user, Supplier<T> work) {
        return tenancy.write(TenantScope.client(firm, user), work);
    }

    UUID membership(UUID firmId, UUID user) {
        return tenancy.read(TenantScope.system(firmId), () -> jdbc.queryForObject(
                "select id from membership where user_id = ?", UUID.class, user));
    }

    /** Every row of the other org and of the other firm that an org-admin function could touch, as text. */
    List<String> othersRows() {
        List<String> rows = new ArrayList<>();
        for (UUID f : List.of(firm, otherFirm)) {
            rows.addAll(tenancy.read(TenantScope.system(f), () -> jdbc.queryForList("""
                    select x::text from membership x where client_org_id <> ? union all
                    select x::text from matter_grant x where user_id not in (?, ?) union all
                    select x::text from portal_user x where id not in (?, ?) union all
                    select x::text from outbox x union all
                    select x::text from matter x where client_org_id <> ? order by 1""", String.class,
                    org, admin, member, admin, member, org)));
        }
        return rows;
    }

    @Test
    void anOrgAdminReadsAndChangesOnlyTheirOwnOrg() {
        assertThat(as(admin, orgs::administeredOrgs)).extracting(o -> o.id()).containsExactly(org);
        assertThat(as(admin, orgs::people)).extracting(Person::clientOrgId).containsOnly(org);
        assertThat(as(admin, orgs::people)).hasSize(2);
        assertThat(as(admin, orgs::grants)).isEmpty();

        List<String> before = othersRows();
        UUID otherMembership = membership(firm, otherMember);
        UUID otherAdminMembership = membership(firm, otherAdmin);
        UUID foreignMembership = membership(otherFirm, foreignAdmin);
        UUID ownMember = membership(firm, member);
        for (UUID theirs : List.of(otherMembership, otherAdminMembership, foreignMembership, UUID.randomUUID())) {
            assertThat(as(admin, () -> orgs.remove(theirs))).isEqualTo("not_found");
            for (UUID m : List.of(matter, otherMatter, foreignMatter)) {
                assertThat(as(admin, () -> orgs.grant(theirs, m, List.of("documents")))).isEqualTo("not_found");
                assertThat(as(admin, () -> orgs.revokeGrant(theirs, m))).isFalse();
            }
        }
        for (UUID m : List.of(otherMatter, foreignMatter, UUID.randomUUID())) {
            assertThat(as(admin, () -> orgs.grant(ownMember, m, List.of("documents")))).isEqualTo("not_found");
            assertThat(as(admin, () -> orgs.revokeGrant(ownMember, m))).isFalse();
        }
        for (UUID o : List.of(otherOrg, foreignOrg, UUID.randomUUID())) {
            assertThat(as(admin, () -> orgs.invite(o, "x-" + UUID.randomUUID() + "@oa.example", "X", "member"))).isEmpty();
        }
        assertThat(othersRows()).isEqualTo(before);

        // The client's own table privileges stay read-only on these tables: direct writes touch nothing.
        assertThat(as(admin, () -> jdbc.update("update membership set revoked_at = now() where id = ?", otherMembership))).isZero();
        assertThat(as(admin, () -> jdbc.update("update matter_grant set revoked_at = now() where user_id = ?", otherMember))).isZero();
        assertThat(othersRows()).isEqualTo(before);

        // The own org works: grant, revoke, invite, remove, and the last admin stays.
        assertThat(as(admin, () -> orgs.grant(ownMember, matter, List.of("messages", "documents")))).isEqualTo("granted");
        assertThat(as(admin, orgs::grants)).singleElement().satisfies(g -> {
            assertThat(g.matterId()).isEqualTo(matter);
            assertThat(g.scopes()).containsExactly("documents", "messages");
        });
        assertThat(as(admin, () -> orgs.revokeGrant(ownMember, matter))).isTrue();
        var invited = as(admin, () -> orgs.invite(org, "new-" + UUID.randomUUID() + "@oa.example", "New", "finance"));
        assertThat(invited).hasValueSatisfying(i -> assertThat(i.outcome()).isEqualTo("invited"));
        assertThat(as(admin, () -> orgs.grant(invited.get().personId(), matter, List.of("invoices")))).isEqualTo("not_member");
        UUID self = membership(firm, admin);
        assertThat(as(admin, () -> orgs.remove(self))).isEqualTo("last_admin");
        assertThat(as(admin, () -> orgs.remove(invited.get().personId()))).isEqualTo("removed");
        // A firm person's address is withheld: nothing made.
        var withheld = as(admin, () -> orgs.invite(org, "staff-" + staff + "@oa.example", "S", "member"));
        assertThat(withheld).hasValueSatisfying(i -> assertThat(i.outcome()).isEqualTo("withheld"));
        assertThat(tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject(
                "select count(*) from membership where user_id = ?", Long.class, staff))).isZero();
    }

    @Test
    void membersStaffAndTheSystemAdministerNothing() {
        UUID someone = membership(firm, member);
        List<String> before = othersRows();
        for (TenantScope scope : List.of(TenantScope.client(firm, member), TenantScope.staff(firm, staff),
                TenantScope.system(firm), TenantScope.client(otherFirm, admin))) {
            assertThat(tenancy.write(scope, orgs::administeredOrgs)).as(scope.toString()).isEmpty();
            assertThat(tenancy.write(scope, orgs::people)).isEmpty();
            assertThat(tenancy.write(scope, () -> orgs.remove(someone))).isEqualTo("not_found");
            assertThat(tenancy.write(scope, () -> orgs.grant(someone, matter, List.of("documents")))).isEqualTo("not_found");
            assertThat(tenancy.write(scope, () -> orgs.invite(org, "y@oa.example", "Y", "org_admin"))).isEmpty();
        }
        assertThat(othersRows()).isEqualTo(before);
        assertThat(membership(firm, member)).isEqualTo(someone);
    }
}
