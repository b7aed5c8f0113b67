package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.model.InvoiceQueries;
import org.matterhub.store.model.PortalUserRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * "Staff see only their assigned matters" (V5, V15) on every row of a matter, through the application's own pool,
 * role and repositories: a fee earner walled off a matter sees none of its invoices, lines, payments, postings, grants,
 * time entries, milestones, messages, appointments or signature requests, records no payment against its invoices and
 * revokes no grant of it; the fee earner responsible for it can. Rows of no matter: partners and firm admins only.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffMatterRowsIT {

    /** Every table whose rows belong to a matter, with how a row reaches its matter. */
    static final List<String> MATTER_TABLES = List.of("invoice", "invoice_line", "payment", "payment_posting",
            "matter_grant", "time_entry", "matter_milestone", "thread", "message", "appointment", "signature_request");

    @Autowired JdbcTemplate jdbc;
    @Autowired Tenancy tenancy;
    @Autowired StoreEndpoint endpoint;
    @Autowired BillingRepository billing;
    @Autowired InvoiceQueries invoices;
    @Autowired PortalUserRepository users;

    final UUID firm = UUID.randomUUID();
    final UUID org = UUID.randomUUID();
    final UUID connection = UUID.randomUUID();
    final UUID mine = UUID.randomUUID();          // the walled-off fee earner's own matter
    final UUID walledOff = UUID.randomUUID();     // a matter the walled-off fee earner is not on
    final UUID assigned = UUID.randomUUID();      // staff, responsible for `walledOff` only
    final UUID walled = UUID.randomUUID();        // staff, responsible for `mine` only
    final UUID partner = UUID.randomUUID();
    final UUID client = UUID.randomUUID();
    final UUID invoiceMine = UUID.randomUUID();
    final UUID invoiceWalled = UUID.randomUUID();
    final UUID invoiceNoMatter = UUID.randomUUID();

    @BeforeAll
    void seed() throws SQLException {
        String tag = firm.toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            String f = "'" + firm + "'";
            s.execute("insert into firm (id, name, slug) values (" + f + ", 'Wall firm', 'wall-" + tag + "')");
            s.execute("insert into connection (id, firm_id, vendor, display_name, base_url, status) values ('" + connection
                    + "', " + f + ", 'quickbooks', 'QB', 'http://127.0.0.1', 'active')");
            s.execute("insert into client_org (id, firm_id, name) values ('" + org + "', " + f + ", 'Wall org')");
            for (Object[] u : new Object[][] {{assigned, "firm", "'staff'", "assigned"}, {walled, "firm", "'staff'", "walled"},
                    {partner, "firm", "'partner'", "partner"}, {client, "client", null, "client"}}) {
                s.execute("insert into portal_user (id, firm_id, email, display_name, kind, firm_role, status) values ('" + u[0]
                        + "', " + f + ", '" + u[3] + "-" + tag + "@wall.example', 'U', '" + u[1] + "', " + u[2] + ", 'active')");
            }
            s.execute("insert into membership (firm_id, user_id, client_org_id, role) values (" + f + ", '" + client + "', '"
                    + org + "', 'member')");
            // Staff see a matter by its responsible attorney (V5): `mine` names the walled-off fee earner, `walledOff` the
            // one assigned to it.
            seedMatter(s, f, mine, "walled-" + tag + "@wall.example", invoiceMine, "MINE");
            seedMatter(s, f, walledOff, "assigned-" + tag + "@wall.example", invoiceWalled, "WALL");
            s.execute("insert into invoice (id, firm_id, client_org_id, matter_id, number, currency, total_minor, balance_minor, "
                    + "connection_id, external_id, status) values ('" + invoiceNoMatter + "', " + f + ", '" + org
                    + "', null, 'INV-NONE', 'GBP', 900, 900, '" + connection + "', 'X-NONE', 'open')");
            s.execute("insert into payment (firm_id, invoice_id, amount_minor, currency, received_on) values (" + f
                    + ", null, 50, 'GBP', current_date)");
        }
    }

    private void seedMatter(Statement s, String f, UUID matter, String attorney, UUID invoice, String tag) throws SQLException {
        String m = "'" + matter + "'";
        s.execute("insert into matter (id, firm_id, client_org_id, display_number, status, responsible_attorney_email) values ("
                + m + ", " + f + ", '" + org + "', '" + tag + "', 'open', '" + attorney + "')");
        s.execute("insert into matter_grant (firm_id, user_id, matter_id) values (" + f + ", '" + client + "', " + m + ")");
        s.execute("insert into invoice (id, firm_id, client_org_id, matter_id, number, currency, total_minor, balance_minor, "
                + "connection_id, external_id, status) values ('" + invoice + "', " + f + ", '" + org + "', " + m + ", 'INV-" + tag
                + "', 'GBP', 1000, 1000, '" + connection + "', 'X-" + tag + "', 'open')");
        s.execute("insert into invoice_line (firm_id, invoice_id, description, amount_minor) values (" + f + ", '" + invoice
                + "', 'Advice', 1000)");
        s.execute("insert into payment (firm_id, invoice_id, amount_minor, currency, received_on) values (" + f + ", '" + invoice
                + "', 100, 'GBP', current_date)");
        s.execute("insert into payment_posting (firm_id, connection_id, invoice_id, amount_minor, currency, received_on, method) "
                + "values (" + f + ", '" + connection + "', '" + invoice + "', 10, 'GBP', current_date, 'cheque')");
        s.execute("insert into time_entry (firm_id, matter_id, connection_id, external_id, entry_date, hours, amount_minor, "
                + "currency) values (" + f + ", " + m + ", '" + connection + "', 'TE-" + tag + "', current_date, 1, 100, 'GBP')");
        s.execute("insert into matter_milestone (firm_id, matter_id, kind, title, occurred_at) values (" + f + ", " + m
                + ", 'opened', 'Opened', now())");
        s.execute("insert into thread (firm_id, matter_id, subject) values (" + f + ", " + m + ", 'Thread " + tag + "')");
        s.execute("insert into message (firm_id, thread_id, matter_id, author_id, body) select " + f + ", id, " + m + ", '"
                + client + "', 'Hi' from thread where matter_id = " + m);
        s.execute("insert into appointment (firm_id, matter_id, title, starts_at, ends_at) values (" + f + ", " + m
                + ", 'Call', now(), now() + interval '1 hour')");
        s.execute("insert into signature_request (firm_id, matter_id, title) values (" + f + ", " + m + ", 'Sign')");
    }

    <T> T as(UUID user, Supplier<T> work) {
        return tenancy.write(TenantScope.staff(firm, user), work);
    }

    long count(UUID user, String table) {
        return as(user, () -> jdbc.queryForObject("select count(*) from " + table, Long.class));
    }

    @Test
    void aWalledOffFeeEarnerSeesNoRowOfTheMatterWhileTheAssignedOneAndPartnersDo() {
        for (String table : MATTER_TABLES) {
            long all = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject("select count(*) from " + table, Long.class));
            // `walled` is on `mine` only; `assigned` on `walledOff` only; the partner on both, and on rows of no matter.
            long walledSees = count(walled, table);
            long assignedSees = count(assigned, table);
            long partnerSees = count(partner, table);
            assertThat(partnerSees).as("partner on %s", table).isEqualTo(all);
            assertThat(walledSees).as("walled-off fee earner on %s", table).isPositive().isLessThan(all);
            assertThat(walledSees + assignedSees).as("each fee earner sees exactly their matter's %s", table)
                    .isEqualTo(all - (table.equals("invoice") || table.equals("payment") ? 1 : 0));
        }
        assertThat(as(walled, () -> jdbc.queryForList("select id from invoice", UUID.class))).containsExactly(invoiceMine);
        assertThat(as(assigned, () -> jdbc.queryForList("select id from invoice", UUID.class))).containsExactly(invoiceWalled);
        assertThat(as(partner, () -> jdbc.queryForList("select id from invoice", UUID.class)))
                .containsExactlyInAnyOrder(invoiceMine, invoiceWalled, invoiceNoMatter);
        assertThat(as(walled, () -> jdbc.queryForList("select distinct matter_id from matter_grant", UUID.class))).containsExactly(mine);
    }

    @Test
    void aWalledOffFeeEarnerRecordsNoPaymentAgainstTheMattersInvoiceAndTheAssignedOneDoes() {
        long before = tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject(
                "select count(*) from payment_posting where invoice_id = ?", Long.class, invoiceWalled));
        // The controller's first step finds nothing to lock, so the API answers 404 ...
        assertThat(as(walled, () -> invoices.lockForPosting(invoiceWalled))).isEmpty();
        assertThat(as(walled, () -> billing.invoice(invoiceWalled))).isEmpty();
        // ... and the database refuses the posting even if that step were skipped.
        SqlRefusal.assertPolicyRefuses(() -> as(walled, () -> billing.insertPosting(connection, invoiceWalled, 10, "GBP",
                LocalDate.now(), "cheque", null, walled)), "payment_posting");
        // Nor may a posting of a visible invoice be moved onto the walled-off one.
        SqlRefusal.assertPolicyRefuses(() -> as(walled, () -> jdbc.update(
                "update payment_posting set invoice_id = ? where invoice_id = ?", invoiceWalled, invoiceMine)), "payment_posting");
        assertThat(tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject(
                "select count(*) from payment_posting where invoice_id = ?", Long.class, invoiceWalled))).isEqualTo(before);

        assertThat(as(assigned, () -> invoices.lockForPosting(invoiceWalled))).contains(invoiceWalled);
        UUID posting = as(assigned, () -> billing.insertPosting(connection, invoiceWalled, 10, "GBP", LocalDate.now(), "cheque",
                null, assigned));
        assertThat(as(assigned, () -> billing.postings(invoiceWalled))).extracting(BillingRepository.Posting::id).contains(posting);
        // An invoice of no matter: partners and firm admins only.
        assertThat(as(assigned, () -> invoices.lockForPosting(invoiceNoMatter))).isEmpty();
        assertThat(as(partner, () -> invoices.lockForPosting(invoiceNoMatter))).contains(invoiceNoMatter);
    }

    @Test
    void aWalledOffFeeEarnerRevokesAndGrantsNothingOnTheMatterAndTheAssignedOneDoes() {
        assertThat(as(walled, () -> users.revokeGrant(client, walledOff))).isZero();
        assertThat(active(client, walledOff)).isTrue();
        SqlRefusal.assertPolicyRefuses(() -> as(walled, () -> jdbc.update(
                "insert into matter_grant (firm_id, user_id, matter_id) values (?, ?, ?)", firm, assigned, walledOff)),
                "matter_grant");
        assertThat(as(walled, () -> users.grants(client))).extracting(PortalUserRepository.Grant::matterId)
                .containsExactly(mine);

        assertThat(as(assigned, () -> users.revokeGrant(client, walledOff))).isEqualTo(1);
        assertThat(active(client, walledOff)).isFalse();
        as(assigned, () -> users.grant(client, walledOff, List.of("documents", "invoices")));
        assertThat(active(client, walledOff)).isTrue();
        assertThat(as(partner, () -> users.grants(client))).extracting(PortalUserRepository.Grant::matterId)
                .containsExactlyInAnyOrder(mine, walledOff);
    }

    boolean active(UUID user, UUID matter) {
        return Boolean.TRUE.equals(tenancy.read(TenantScope.system(firm), () -> jdbc.queryForObject(
                "select revoked_at is null from matter_grant where user_id = ? and matter_id = ?", Boolean.class, user, matter)));
    }
}
