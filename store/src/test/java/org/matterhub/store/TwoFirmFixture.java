package org.matterhub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;

/**
 * Seeds two firms with at least one row in every tenant table, as the schema owner (who bypasses RLS),
 * so isolation tests have something to leak.
 */
public final class TwoFirmFixture {

    public final UUID firmA = UUID.randomUUID();
    public final UUID firmB = UUID.randomUUID();
    public final UUID userA = UUID.randomUUID();
    public final UUID userB = UUID.randomUUID();
    public final UUID partnerA = UUID.randomUUID();
    public final UUID partnerB = UUID.randomUUID();

    public TwoFirmFixture(StoreEndpoint endpoint) {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            seed(s, firmA, userA, "a");
            seed(s, firmB, userB, "b");
            s.execute("insert into portal_user (id, firm_id, email, display_name, kind, firm_role, status) values ('"
                    + partnerA + "', '" + firmA + "', 'partner@a.example', 'Partner A', 'firm', 'partner', 'active')");
            s.execute("insert into portal_user (id, firm_id, email, display_name, kind, firm_role, status) values ('"
                    + partnerB + "', '" + firmB + "', 'partner@b.example', 'Partner B', 'firm', 'partner', 'active')");
            for (UUID[] person : new UUID[][] {{firmA, partnerA}, {firmB, partnerB}}) {
                s.execute("insert into notification_preference (firm_id, user_id, category, delivery) values ('" + person[0]
                        + "', '" + person[1] + "', 'client_activity', 'daily')");
                s.execute("insert into notification_digest (firm_id, user_id, period, period_key, cut_off, send_state, "
                        + "notification_count, message_id) values ('" + person[0] + "', '" + person[1] + "', 'daily', "
                        + "current_date, now(), 'sent', 0, '<d.fixture@a.example>')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second client org inside firm A, with its own user and a row in every tenant table. */
    public final UUID userA2 = UUID.randomUUID();
    /** Rows (as text) of firm A that belong to the second org, per tenant table. */
    public final java.util.Map<String, java.util.Set<String>> secondOrgRows = new java.util.HashMap<>();

    public void seedSecondOrgOfFirmA(StoreEndpoint endpoint, java.util.List<String> tables) {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            java.util.Map<String, java.util.Set<String>> before = snapshot(s, tables);
            seedOrg(s, firmA, userA2, "a2", "a2-" + firmA.toString().substring(0, 8));
            java.util.Map<String, java.util.Set<String>> after = snapshot(s, tables);
            for (String t : tables) {
                java.util.Set<String> added = new java.util.HashSet<>(after.get(t));
                added.removeAll(before.get(t));
                secondOrgRows.put(t, added);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.Map<String, java.util.Set<String>> snapshot(Statement s, java.util.List<String> tables) throws SQLException {
        java.util.Map<String, java.util.Set<String>> rows = new java.util.HashMap<>();
        for (String t : tables) {
            java.util.Set<String> set = new java.util.HashSet<>();
            try (var rs = s.executeQuery("select x::text from " + t + " x where firm_id = '" + firmA + "'")) {
                while (rs.next()) {
                    set.add(rs.getString(1));
                }
            }
            rows.put(t, set);
        }
        return rows;
    }

    private static void seed(Statement s, UUID firm, UUID user, String tag) throws SQLException {
        String f = "'" + firm + "'";
        String slug = tag + "-" + firm.toString().substring(0, 8);
        s.execute("insert into firm (id, name, slug) values (" + f + ", 'Firm " + tag + "', '" + slug + "')");
        s.execute("insert into connection (id, firm_id, vendor, display_name, base_url) values (gen_random_uuid(), " + f
                + ", 'clio', 'Clio " + tag + "', 'http://127.0.0.1')");
        seedOrg(s, firm, user, tag, slug);
        s.execute("insert into audit_event (firm_id, actor_kind, action, subject_type) values (" + f + ", 'system', 'seed', 'firm')");
        s.execute("insert into firm_data_key (firm_id, key_enc, retired_at) values (" + f + ", '\\x00'::bytea, now())");
        s.execute("insert into firm_keyset (firm_id, keyset_enc) values (" + f + ", '\\x00'::bytea)");
        s.execute("insert into upload_usage (firm_id, user_id, day, bytes, uploads) values (" + f + ", '" + user
                + "', current_date, 1, 1)");
    }

    /** One client org of a firm with a user (its org admin) and a row in every tenant table below it. */
    private static void seedOrg(Statement s, UUID firm, UUID user, String tag, String slug) throws SQLException {
        String f = "'" + firm + "'";
        String u = "'" + user + "'";
        String org = "(select id from client_org where firm_id = " + f + " and name = 'Org " + tag + "')";
        s.execute("insert into client_org (id, firm_id, name) values (gen_random_uuid(), " + f + ", 'Org " + tag + "')");
        s.execute("insert into contact (firm_id, client_org_id, kind, name, email) values (" + f + ", " + org
                + ", 'person', 'Person " + tag + "', 'p@" + tag + ".example')");
        s.execute("insert into portal_user (id, firm_id, email, display_name, kind, status, contact_id) select " + u + ", " + f
                + ", 'gc@" + slug + ".example', 'GC " + tag + "', 'client', 'active', id from contact where client_org_id = " + org);
        s.execute("insert into membership (firm_id, user_id, client_org_id, role) values (" + f + ", " + u + ", " + org
                + ", 'org_admin')");
        s.execute("insert into matter (firm_id, client_org_id, display_number, status) values (" + f + ", " + org
                + ", '0001-" + tag + "', 'open')");
        String matter = "(select id from matter where client_org_id = " + org + " limit 1)";
        String conn = "(select id from connection where firm_id = " + f + " limit 1)";
        s.execute("insert into matter_milestone (firm_id, matter_id, kind, title, occurred_at) values (" + f + ", " + matter
                + ", 'opened', 'Matter opened', now())");
        s.execute("insert into matter_grant (firm_id, user_id, matter_id) values (" + f + ", " + u + ", " + matter + ")");
        s.execute("insert into document (firm_id, matter_id, title, state) values (" + f + ", " + matter + ", 'Doc', 'published')");
        String doc = "(select id from document where matter_id = " + matter + " limit 1)";
        s.execute("insert into document_version (firm_id, document_id, version_number, published) values (" + f + ", " + doc + ", 1, true)");
        s.execute("insert into document_action (firm_id, document_id, user_id, action) values (" + f + ", " + doc + ", " + u + ", 'approve')");
        s.execute("insert into thread (firm_id, matter_id, subject, created_by) values (" + f + ", " + matter + ", 'Thread " + tag
                + "', " + u + ")");
        String thread = "(select id from thread where matter_id = " + matter + " limit 1)";
        s.execute("insert into message (firm_id, thread_id, matter_id, author_id, body) values (" + f + ", " + thread + ", "
                + matter + ", " + u + ", 'Hello')");
        s.execute("insert into thread_read (firm_id, thread_id, user_id, read_at) values (" + f + ", " + thread + ", " + u
                + ", now())");
        s.execute("insert into notification_preference (firm_id, user_id, category, delivery) values (" + f + ", " + u
                + ", 'messages', 'weekly')");
        s.execute("insert into reply_token (token_id, firm_id, user_id, thread_id, expires_at) select "
                + "(random() * 1e15)::bigint, " + f + ", " + u + ", id, now() + interval '1 day' from thread where matter_id = " + matter);
        s.execute("insert into inbound_mail (firm_id, message_id, verdict, reason) values (" + f + ", '<m." + slug
                + "@client.example>', 'ignored', 'AUTO_REPLY')");
        s.execute("insert into notification_fanout (firm_id, subject_type, subject_id, recipients) select " + f
                + ", 'message', id, 1 from message where matter_id = " + matter);
        s.execute("insert into invoice (firm_id, client_org_id, matter_id, number, currency, total_minor, balance_minor) select "
                + f + ", client_org_id, id, 'INV-" + tag + "', 'GBP', 1000, 500 from matter where id = " + matter);
        String invoice = "(select id from invoice where matter_id = " + matter + " limit 1)";
        s.execute("insert into invoice_line (firm_id, invoice_id, description, amount_minor) values (" + f + ", " + invoice + ", 'Advice', 1000)");
        s.execute("insert into payment (firm_id, invoice_id, amount_minor, currency, received_on) values (" + f + ", " + invoice + ", 500, 'GBP', current_date)");
        s.execute("insert into appointment (firm_id, matter_id, title, starts_at, ends_at) values (" + f + ", " + matter + ", 'Call', now(), now() + interval '1 hour')");
        s.execute("insert into signature_request (firm_id, matter_id, title) values (" + f + ", " + matter + ", 'Sign')");
        s.execute("insert into webhook_subscription (firm_id, connection_id, vendor_webhook_id, model) values (" + f + ", " + conn + ", '" + tag + "', 'matter')");
        s.execute("insert into external_ref (firm_id, connection_id, system, entity_type, external_id, local_id) values (" + f + ", " + conn + ", 'clio', 'matter', '" + tag + "', " + matter + ")");
        s.execute("insert into sync_cursor (firm_id, connection_id, entity, sub_resource, mode) values (" + f + ", " + conn + ", 'matter', '" + tag + "', 'incremental')");
        s.execute("insert into outbox (firm_id, connection_id, kind, aggregate_type, aggregate_id, payload, idempotency_key, status) values (" + f + ", " + conn + ", 'test', 'matter', " + matter + ", '{}', 'k-" + slug + "', 'delivered')");
        s.execute("insert into inbox (firm_id, connection_id, vendor, event_id, payload, status) values (" + f + ", " + conn + ", 'clio', 'e-" + slug + "', '{}', 'processed')");
        s.execute("insert into dead_letter (firm_id, connection_id, source, error, error_class, attempts) values (" + f + ", " + conn + ", 'poll', 'boom', 'PERMANENT', 1)");
        s.execute("insert into field_conflict (firm_id, entity_type, entity_id, field, owner_system, lost_system) values (" + f + ", 'matter', " + matter + ", 'status', 'clio', 'portal')");
        s.execute("insert into dms_container (firm_id, connection_id, external_id, kind, name, workspace_id, client_number, "
                + "matter_number) values (" + f + ", " + conn + ", 'WS-" + slug + "', 'workspace', 'Workspace " + tag + "', 'WS-"
                + slug + "', 'C-" + tag + "', '0001')");
        s.execute("insert into dms_document (firm_id, connection_id, external_id, document_id, title, resolution) values ("
                + f + ", " + conn + ", 'D-" + slug + "', " + doc + ", 'Doc', 'resolved')");
        s.execute("insert into dms_placement (firm_id, connection_id, document_external_id, folder_id) values (" + f + ", "
                + conn + ", 'D-" + slug + "', 'WS-" + slug + "')");
        s.execute("insert into notification (firm_id, matter_id, kind, subject_type, title) values (" + f + ", " + matter
                + ", 'document.uploaded', 'document', 'Upload " + tag + "')");
        s.execute("insert into billing_customer (firm_id, connection_id, external_id, name) values (" + f + ", " + conn
                + ", 'C-" + slug + "', 'Customer " + tag + "')");
        s.execute("insert into payment_posting (firm_id, connection_id, invoice_id, amount_minor, currency, received_on, method) "
                + "values (" + f + ", " + conn + ", " + invoice + ", 100, 'GBP', current_date, 'cheque')");
        s.execute("insert into billing_reconciliation (firm_id, connection_id, run_id, currency, portal_balance_minor, "
                + "vendor_balance_minor, invoices_compared) values (" + f + ", " + conn + ", gen_random_uuid(), 'GBP', 500, 500, 1)");
        s.execute("insert into time_entry (firm_id, matter_id, connection_id, external_id, entry_date, hours, description, "
                + "user_name, amount_minor, currency) values (" + f + ", " + matter + ", " + conn + ", 'TE-" + slug
                + "', current_date, 1.5, 'Advice', 'Partner " + tag + "', 52500, 'GBP')");
    }
}
