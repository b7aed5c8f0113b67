package org.matterhub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A few conversations for a newcomer to find: on the Northwind matter with the most published documents, a thread of
 * the client and the responsible partner, one anchored to its published draft agreement (messages from both sides),
 * and one started by the firm in Clio (it arrives by the hub's poll). Written through the portal API over HTTP, as the
 * people themselves would; only on a demo database that has no thread yet.
 */
public final class DemoConversations {

    private static final Logger log = LoggerFactory.getLogger(DemoConversations.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "schen@harbourlaw.example";
    /** Northwind's org admin: the client of the seeded threads. */
    public static final String CLIENT = "gc@northwind.example";

    private DemoConversations() {
    }

    static void seed(HttpClient http, EmbeddedIssuer issuer, String base, Tenancy tenancy, JdbcTemplate jdbc,
                     ClioSimulator clio) {
        try {
            TenantScope system = TenantScope.system(DemoFirm.FIRM_ID);
            var rows = tenancy.read(system, () -> jdbc.queryForList("""
                    select m.id, r.external_id, u.email,
                           (select d.id from document d where d.matter_id = m.id and d.state = 'published'
                               and d.deleted_at is null order by (d.title like 'Draft Agreement%') desc, d.title
                               limit 1) as document
                      from matter m join client_org o on o.id = m.client_org_id
                      join external_ref r on r.local_id = m.id and r.entity_type = 'matter'
                      join membership ms on ms.client_org_id = o.id and ms.role = 'org_admin' and ms.revoked_at is null
                      join portal_user u on u.id = ms.user_id
                     where o.name = 'Northwind Holdings Ltd' and m.deleted_at is null and not exists (select 1 from thread)
                     order by (select count(*) from document d where d.matter_id = m.id and d.state = 'published') desc,
                              m.display_number
                     limit 1"""));
            if (rows.isEmpty()) {
                return;
            }
            var row = rows.get(0);
            String matter = row.get("id").toString();
            String client = issuer.mint((String) row.get("email"), Duration.ofMinutes(5), Map.of());
            String partner = issuer.mint(PARTNER, Duration.ofMinutes(5), Map.of());
            String thread = start(http, base, client, matter, Map.of("subject", "Completion timetable",
                    "body", "Could we aim to complete by the end of the month? The board meets on the 24th."));
            post(http, base, partner, thread, "The end of the month works. I will send the completion checklist this week.");
            post(http, base, client, thread, "Thank you. Please copy our finance director on the checklist.");
            if (row.get("document") != null) {
                String onDocument = start(http, base, client, matter, Map.of("subject", "Questions on the draft",
                        "documentId", row.get("document").toString(),
                        "body", "Clause 4.2 seems to cap the warranty at half the price; is that intended?"));
                post(http, base, partner, onDocument, "Yes: it follows the heads of terms. We can discuss on Thursday.");
            }
            clio.conversations().startConversation(Long.parseLong((String) row.get("external_id")), "Sarah Chen",
                    "Documents for signing", "The signing pack is ready in the portal. Please sign pages 3 and 7.");
            log.info("Demo conversations seeded on matter {}", matter);
        } catch (Exception e) {
            log.warn("Demo conversations not seeded: {}", e.toString());
        }
    }

    /** The welcome's lines on conversations and, when the demo runs its mail server, the mail commands. */
    static String welcome(Tenancy tenancy, JdbcTemplate jdbc, Environment env) {
        var seeded = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.queryForList("""
                select (select count(*) from thread) as threads, (select count(*) from message) as messages,
                       (select m.display_number || ', id ' || m.id from thread t join matter m on m.id = t.matter_id
                         order by t.created_at limit 1) as matter"""));
        var row = seeded.get(0);
        StringBuilder s = new StringBuilder("  Conversations: ").append(row.get("threads")).append(" threads, ")
                .append(row.get("messages")).append(" messages");
        if (row.get("matter") != null) {
            s.append(" (seeded on matter ").append(row.get("matter"))
                    .append(": /api/v1/matters/{id}/threads and /timeline)");
        }
        s.append(".\n");
        if (env.getProperty("matterhub.demo.mail-server-id") != null) {
            s.append("  Mail server    SMTP 127.0.0.1:").append(env.getProperty("matterhub.demo.smtp-port"))
                    .append(", IMAP 127.0.0.1:").append(env.getProperty("matterhub.demo.imap-port"))
                    .append("  (in memory: a restart empties the mailboxes)\n")
                    .append("    ./matterhub mail ").append(CLIENT).append("             what a demo user received\n")
                    .append("    ./matterhub mail ").append(CLIENT).append(" --show 1    one mail in full\n")
                    .append("    ./matterhub reply ").append(CLIENT).append(" 1 \"text\"   answer it: it lands in the thread\n");
        }
        return s.toString();
    }

    private static String start(HttpClient http, String base, String token, String matter, Map<String, String> body)
            throws Exception {
        return JSON.readTree(send(http, base + "/api/v1/matters/" + matter + "/threads", token, body)).get("id").asText();
    }

    private static void post(HttpClient http, String base, String token, String thread, String text) throws Exception {
        send(http, base + "/api/v1/threads/" + thread + "/messages", token, Map.of("body", text));
    }

    private static String send(HttpClient http, String url, String token, Map<String, String> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

}
