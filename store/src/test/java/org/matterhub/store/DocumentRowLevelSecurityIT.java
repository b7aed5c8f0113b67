package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.model.DocumentRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The document rules of V8, enforced by PostgreSQL through the application's own role: clients see documents only in
 * client-visible states and versions only when published and of a visible document, change nothing but a document's
 * state along their own transitions, and staff see documents of their matters only.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentRowLevelSecurityIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired Tenancy tenancy;
    @Autowired StoreEndpoint endpoint;
    @Autowired DocumentRepository documents;

    final UUID firm = UUID.randomUUID();
    final UUID org = UUID.randomUUID();
    final UUID matter = UUID.randomUUID();
    final UUID admin = UUID.randomUUID();      // client org admin
    final UUID member = UUID.randomUUID();     // client member without a grant
    final UUID partner = UUID.randomUUID();
    final UUID staff = UUID.randomUUID();      // not responsible for the matter
    final UUID published = UUID.randomUUID();
    final UUID pending = UUID.randomUUID();
    final UUID internal = UUID.randomUUID();

    @BeforeAll
    void seed() throws SQLException {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            String f = "'" + firm + "'";
            s.execute("insert into firm (id, name, slug) values (" + f + ", 'Doc firm', 'doc-" + firm.toString().substring(0, 8) + "')");
            s.execute("insert into client_org (id, firm_id, name) values ('" + org + "', " + f + ", 'Doc org')");
            for (Object[] u : new Object[][] {{admin, "client", null}, {member, "client", null}, {partner, "firm", "'partner'"},
                    {staff, "firm", "'staff'"}}) {
                s.execute("insert into portal_user (id, firm_id, email, display_name, kind, firm_role, status) values ('" + u[0] + "', "
                        + f + ", '" + u[0] + "@doc.example', 'U', '" + u[1] + "', " + u[2] + ", 'active')");
            }
            s.execute("insert into membership (firm_id, user_id, client_org_id, role) values (" + f + ", '" + admin + "', '" + org + "', 'org_admin')");
            s.execute("insert into membership (firm_id, user_id, client_org_id, role) values (" + f + ", '" + member + "', '" + org + "', 'member')");
            s.execute("insert into matter (id, firm_id, client_org_id, display_number, status, responsible_attorney_email) values ('"
                    + matter + "', " + f + ", '" + org + "', 'D-1', 'open', 'someone.else@doc.example')");
            for (Object[] d : new Object[][] {{published, "published"}, {pending, "pending_review"}, {internal, "internal"}}) {
                s.execute("insert into document (id, firm_id, matter_id, title, state, current_version) values ('" + d[0] + "', " + f
                        + ", '" + matter + "', 'Doc " + d[1] + "', '" + d[1] + "', 2)");
                // Every document has a published v1 and an unpublished v2: the flag alone must not expose a version.
                s.execute("insert into document_version (firm_id, document_id, version_number, published, text_content) values ("
                        + f + ", '" + d[0] + "', 1, true, 'searchable " + d[1] + "'), (" + f + ", '" + d[0] + "', 2, false, 'draft')");
            }
        }
    }

    <T> T as(TenantScope scope, java.util.function.Supplier<T> work) {
        return tenancy.write(scope, work);
    }

    @Test
    void clientsSeeOnlyClientVisibleDocumentsAndTheirPublishedVersions() {
        TenantScope client = TenantScope.client(firm, admin);
        assertThat(as(client, () -> jdbc.queryForList("select id from document", UUID.class))).containsExactly(published);
        assertThat(as(client, () -> jdbc.queryForList("select document_id::text || ':' || version_number from document_version",
                String.class))).containsExactly(published + ":1");
        assertThat(as(client, () -> documents.search("searchable", 10))).extracting(DocumentRepository.SearchHit::documentId)
                .containsExactly(published);
        // A member without the documents scope of the matter sees none of it.
        TenantScope noGrant = TenantScope.client(firm, member);
        assertThat(as(noGrant, () -> jdbc.queryForObject("select count(*) from document", Long.class))).isZero();
        assertThat(as(noGrant, () -> jdbc.queryForObject("select count(*) from document_version", Long.class))).isZero();
    }

    @Test
    void clientsChangeOnlyTheStateAlongTheirTransitions() {
        TenantScope client = TenantScope.client(firm, admin);
        assertThat(as(client, () -> jdbc.update("update document set state = 'published' where id = ?", pending))).isZero();
        assertThat(as(client, () -> jdbc.update("update document_version set published = true"))).isZero();
        SqlRefusal.assertRefused(() -> as(client, () -> jdbc.update("update document set title = 'x' where id = ?", published)),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, "a client may change only the state of a document");
        SqlRefusal.assertRefused(() -> as(client, () -> jdbc.update("update document set state = 'unpublished' where id = ?", published)),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, "a client may not move a document from published to unpublished");
        SqlRefusal.assertPolicyRefuses(() -> as(client, () -> jdbc.update("insert into document_action (firm_id, document_id, user_id, action) "
                + "values (?, ?, ?, 'approve')", firm, pending, admin)), "document_action");
        SqlRefusal.assertPolicyRefuses(() -> as(client, () -> jdbc.update("insert into document_action (firm_id, document_id, user_id, action) "
                + "values (?, ?, ?, 'approve')", firm, published, member)), "document_action");
        SqlRefusal.assertPolicyRefuses(() -> as(client, () -> jdbc.update("insert into matter_milestone (firm_id, matter_id, kind, title, occurred_at) "
                + "values (?, ?, 'opened', 'Forged', now())", firm, matter)), "matter_milestone");
        // The allowed path, in one transaction, then the closed document refuses to be re-opened by the client.
        as(client, () -> {
            assertThat(documents.transition(published, java.util.Set.of("published"), "closed")).isTrue();
            documents.addAction(published, admin, "close", null);
            documents.addMilestone(matter, "document.closed", "Client closed “Doc published”", true);
            return null;
        });
        SqlRefusal.assertRefused(() -> as(client, () -> jdbc.update("update document set state = 'client_approved' where id = ?", published)),
                SqlRefusal.INSUFFICIENT_PRIVILEGE, "a client may not move a document from closed to client_approved");
        as(TenantScope.system(firm), () -> jdbc.update("update document set state = 'published' where id = ?", published));
    }

    @Test
    void staffSeeDocumentsOfTheirMattersOnly() {
        assertThat(as(TenantScope.staff(firm, staff), () -> jdbc.queryForObject("select count(*) from document", Long.class))).isZero();
        assertThat(as(TenantScope.staff(firm, staff), () -> jdbc.queryForObject("select count(*) from document_version", Long.class))).isZero();
        assertThat(as(TenantScope.staff(firm, staff), () -> jdbc.update("update document set state = 'published' where id = ?", pending))).isZero();
        assertThat(as(TenantScope.staff(firm, partner), () -> jdbc.queryForObject("select count(*) from document", Long.class))).isEqualTo(3);
        assertThat(as(TenantScope.staff(firm, partner), () -> jdbc.queryForObject("select count(*) from document_version", Long.class))).isEqualTo(6);
    }

    @Test
    void searchVectorsFollowTitlesAndText() {
        TenantScope system = TenantScope.system(firm);
        as(system, () -> jdbc.update("update document set title = 'Renamed zanzibar' where id = ?", internal));
        List<UUID> found = as(system, () -> documents.search("zanzibar", 10).stream().map(DocumentRepository.SearchHit::documentId).toList());
        assertThat(found).containsExactly(internal);
        as(system, () -> {
            documents.setVersionText(internal, 2, "kilimanjaro");
            return null;
        });
        assertThat(as(system, () -> documents.search("kilimanjaro", 10))).extracting(DocumentRepository.SearchHit::versionNumber)
                .containsExactly(2);
    }
}
