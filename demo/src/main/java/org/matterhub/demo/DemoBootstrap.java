package org.matterhub.demo;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.routes.practice.clio.ClioInboundSync;
import org.matterhub.routes.practice.clio.ClioWebhookManager;
import org.matterhub.routes.engine.QueueDrainer;
import org.matterhub.routes.notify.MailProperties;
import org.matterhub.routes.notify.EventFanOut;
import org.matterhub.routes.notify.MessageFanOut;
import org.matterhub.routes.practice.clio.ClioConversationSync;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.clio.ClioSimulatorOptions;
import org.matterhub.store.model.FirmRepository;
import org.matterhub.store.model.PortalUserRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings the demo to life: starts the Clio simulator with the demo firm, connects it through the real OAuth
 * flow over HTTP (as a firm admin would), backfills, creates the portal users and subscribes to webhooks.
 * Data persists between starts in the embedded PostgreSQL; the simulator is re-seeded identically.
 */
@Component
@ConditionalOnProperty(prefix = "matterhub.demo", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoBootstrap implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoBootstrap.class);

    private final ClioSimulator clio;
    private final Tenancy tenancy;
    private final FirmRepository firms;
    private final PortalUserRepository users;
    private final JdbcTemplate jdbc;
    private final EmbeddedIssuer issuer;
    private final ClioInboundSync inbound;
    private final ClioWebhookManager webhooks;
    private final ClioConversationSync conversations;
    private final MessageFanOut fanOut;
    private final QueueDrainer queues;
    private final MailProperties mail;
    private final EventFanOut eventFanOut;
    private final Environment env;
    private final ObjectProvider<DemoDocuments> documents;
    private final ObjectProvider<DemoBilling> billing;
    private volatile Map<String, UUID> dmsConnections = Map.of();
    private volatile Map<String, UUID> billingConnections = Map.of();
    private final HttpClient http = DemoConnect.httpClient();

    public DemoBootstrap(DemoProperties demo, ClioProperties clioProperties, Tenancy tenancy, FirmRepository firms,
                         PortalUserRepository users, JdbcTemplate jdbc, EmbeddedIssuer issuer, ClioInboundSync inbound,
                         ClioConversationSync conversations, MessageFanOut fanOut, EventFanOut eventFanOut,
                         QueueDrainer queues, MailProperties mail, ClioWebhookManager webhooks, Environment env,
                         ObjectProvider<DemoDocuments> documents, ObjectProvider<DemoBilling> billing) {
        this.clio = ClioSimulator.start(ClioSimulatorOptions.builder().port(demo.clioSimulatorPort()).build());
        // Clio's published limit (VENDORS.md §1.6, CL-RL): 50 requests per minute per access token at peak hours.
        this.clio.setRateLimitPerMinute(demo.clioRequestsPerMinute());
        this.clio.registerApp(clioProperties.clientId(), clioProperties.clientSecret());
        this.clio.seedDemoFirm();
        this.tenancy = tenancy;
        this.firms = firms;
        this.users = users;
        this.jdbc = jdbc;
        this.issuer = issuer;
        this.inbound = inbound;
        this.webhooks = webhooks;
        this.conversations = conversations;
        this.fanOut = fanOut;
        this.queues = queues;
        this.mail = mail;
        this.eventFanOut = eventFanOut;
        this.env = env;
        this.documents = documents;
        this.billing = billing;
        // The simulator starts afresh on every demo start: grants and webhooks of an earlier run are void until
        // the connect flow below runs again, so the schedulers leave the connection alone meanwhile.
        tenancy.writeVoid(TenantScope.system(DemoFirm.FIRM_ID), () -> {
            jdbc.update("update connection set status = 'pending_authorization' where vendor = 'clio'");
            jdbc.update("update webhook_subscription set status = 'deleted' where status <> 'deleted'");
        });
    }

    public ClioSimulator clioSimulator() {
        return clio;
    }

    /** The demo's document-system connections by vendor (empty until started, or when the demo has no DMS). */
    public Map<String, UUID> dmsConnections() {
        return dmsConnections;
    }

    public Map<String, UUID> billingConnections() {
        return billingConnections;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() throws Exception {
        TenantScope staff = TenantScope.system(DemoFirm.FIRM_ID);
        tenancy.writeVoid(staff, () -> {
            firms.create(DemoFirm.FIRM_ID, DemoFirm.NAME, DemoFirm.SLUG);
            for (DemoFirm.FirmPerson p : DemoFirm.FIRM_PEOPLE) {
                if (users.findByEmail(p.email()).isEmpty()) {
                    users.create(p.email(), p.name(), "firm", p.role(), null);
                }
            }
        });
        String base = "http://127.0.0.1:" + env.getProperty("local.server.port");
        UUID connectionId = connect(base);
        long applied = inbound.backfill(DemoFirm.FIRM_ID, connectionId);
        inbound.incremental(DemoFirm.FIRM_ID, connectionId);
        List<String[]> clientUsers = tenancy.write(staff, this::createClientUsers);
        createMailboxes(clientUsers);
        webhooks.ensure(DemoFirm.FIRM_ID, connectionId);
        DemoDocuments dms = documents.getIfAvailable();
        if (dms != null) {
            dmsConnections = dms.connectAndSync(base);
        }
        DemoBilling books = billing.getIfAvailable();
        if (books != null) {
            billingConnections = books.connectAndSync(base);
        }
        DemoConversations.seed(http, issuer, base, tenancy, jdbc, clio);
        // What the seeds set going is done before the demo is ready: the conversation the firm started in Clio is
        // brought in and the seeded messages fanned out, so a newcomer (and a test) finds a settled hub.
        awaitMirrored();
        if (inbound.backfillComplete(DemoFirm.FIRM_ID, connectionId)) {
            conversations.poll(DemoFirm.FIRM_ID, connectionId);
        }
        fanOut.runAll();
        // ... and so are the seeds' events (documents published, invoices issued, due or overdue).
        eventFanOut.raiseInvoiceReminders();
        eventFanOut.runAll();
        if (mail.enabled()) {
            // The seeded notifications' mails go out now (they wait in the outbox), so they are in the mailboxes when
            // the demo says it is up; if the mail server fails, the outbox retries them later.
            int runs = 0;
            while (queues.drainOutbox() > 0 && ++runs < 100) {
                log.debug("Demo outbox drained ({} runs)", runs);
            }
        }
        printWelcome(base, applied, clientUsers);
    }

    /** The firm admin's OAuth flow, over HTTP, against the Clio simulator. */
    private UUID connect(String base) throws Exception {
        return DemoConnect.connect(http, issuer, base, "clio", Map.of("displayName", "Clio (simulator)", "baseUrl", clio.baseUrl()));
    }

    /** Waits (at most a minute) until the seeded messages' copies are in Clio: the outbox drains them in the background. */
    private void awaitMirrored() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline && tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.queryForObject(
                "select count(*) from outbox where kind = 'message.mirror' and status = 'pending'", Long.class)) > 0) {
            Thread.sleep(100);
        }
    }

    /** A mailbox on the demo's mail server for every demo user, when the demo runs one ({@link DemoMailServer}). */
    private void createMailboxes(List<String[]> clientUsers) {
        var server = DemoMailServer.running(env.getProperty("matterhub.demo.mail-server-id"));
        if (server != null) {
            List<String> emails = new ArrayList<>();
            DemoFirm.FIRM_PEOPLE.forEach(p -> emails.add(p.email()));
            clientUsers.forEach(u -> emails.add(u[0]));
            DemoMailServer.createMailboxes(server, emails);
        }
    }

    /** Client people of each org: the first is its org admin, the third its finance user, the rest members. */
    private List<String[]> createClientUsers() {
        List<String[]> created = new ArrayList<>();
        var orgs = jdbc.queryForList("select id, name from client_org order by name");
        for (var org : orgs) {
            UUID orgId = (UUID) org.get("id");
            // In the order the firm created them in Clio, so every demo start gives everyone the same role.
            var people = jdbc.queryForList("""
                    select c.id, c.name, c.email from contact c
                      join external_ref r on r.local_id = c.id and r.entity_type = 'contact'
                     where c.client_org_id = ? and c.kind = 'person' and c.email is not null and c.deleted_at is null
                     order by r.external_id::bigint""", orgId);
            for (int i = 0; i < people.size(); i++) {
                var person = people.get(i);
                String email = (String) person.get("email");
                String role = i == 0 ? "org_admin" : i == 2 ? "finance" : "member";
                UUID userId = users.findByEmail(email).map(PortalUserRepository.PortalUser::id)
                        .orElseGet(() -> users.create(email, (String) person.get("name"), "client", null, (UUID) person.get("id")));
                users.addMembership(userId, orgId, role);
                if ("member".equals(role)) {
                    var matters = jdbc.queryForList("select id from matter where client_org_id = ? order by display_number limit 3",
                            UUID.class, orgId);
                    for (int m = 0; m < matters.size(); m += 2) {
                        users.grant(userId, matters.get(m), List.of("documents", "invoices", "messages", "appointments", "signatures"));
                    }
                }
                created.add(new String[] {email, (String) org.get("name"), role});
            }
        }
        return created;
    }

    private void printWelcome(String base, long applied, List<String[]> clientUsers) {
        StringBuilder s = new StringBuilder("\n\n  Matterhub demo is up.\n\n");
        s.append("  Portal API     ").append(base).append("/api/v1/matters\n");
        s.append("  OpenAPI        ").append(base).append("/api/v1/openapi.yaml\n");
        s.append("  Ops API        ").append(base).append("/ops/v1/connections\n");
        String management = "http://" + env.getProperty("management.server.address", "127.0.0.1") + ":"
                + env.getProperty("local.management.port", env.getProperty("management.server.port", "8081"));
        s.append("  Health         ").append(management).append("/actuator/health  (management port, this machine only)\n");
        s.append("  Metrics        ").append(management).append("/actuator/prometheus\n");
        s.append("  Clio simulator ").append(clio.baseUrl()).append("  (control: ").append(clio.baseUrl()).append("/_control)\n");
        DemoDocuments dms = documents.getIfAvailable();
        if (dms != null) {
            s.append("  iManage sim.   ").append(dms.imanage().baseUrl()).append("  (NORTHWIND, BLUEBIRD matters)\n");
            s.append("  NetDocs sim.   ").append(dms.netDocuments().baseUrl()).append("  (CEDARPINE matters)\n");
            s.append("  Unresolved     ").append(base).append("/ops/v1/documents/unresolved\n");
            s.append("  Object store   ").append(env.getProperty("matterhub.storage.endpoint", "(none)")).append("  bucket ")
                    .append(env.getProperty("matterhub.storage.bucket", "-")).append('\n');
            long[] docs = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> new long[] {
                    jdbc.queryForObject("select count(*) from document where deleted_at is null", Long.class),
                    jdbc.queryForObject("select count(*) from document where state = 'published'", Long.class),
                    jdbc.queryForObject("select count(*) from document where state = 'pending_review'", Long.class)});
            if (dms.netDocumentsBackfillRunning()) {
                s.append("  NetDocuments backfill continues in the background (100 calls per minute, its published limit).\n");
            }
            s.append("  Documents: ").append(docs[0]).append(" (").append(docs[1]).append(" published, ").append(docs[2])
                    .append(" waiting for review, the rest internal).\n");
        }
        DemoBilling books = billing.getIfAvailable();
        if (books != null) {
            s.append("  QuickBooks sim ").append(books.quickbooks().baseUrl()).append("  (bills Northwind)\n");
            s.append("  Xero sim.      ").append(books.xero().baseUrl()).append("  (bills Bluebird)\n");
            s.append("  Reconciliation ").append(base).append("/ops/v1/billing/reconciliation\n");
            long[] inv = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> new long[] {
                    jdbc.queryForObject("select count(*) from invoice where client_org_id is not null", Long.class),
                    jdbc.queryForObject("select count(*) from invoice where client_org_id is null", Long.class)});
            s.append("  Invoices: ").append(inv[0]).append(" billed to demo clients, ").append(inv[1])
                    .append(" of other customers (firm only).\n");
        }
        s.append(DemoConversations.welcome(tenancy, jdbc, env));
        long matters = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID),
                () -> jdbc.queryForObject("select count(*) from matter where deleted_at is null", Long.class));
        s.append("  Portal store: ").append(matters).append(" matters (").append(applied)
                .append(" records backfilled on this start).\n\n  Demo users (./matterhub token <email>):\n");
        for (DemoFirm.FirmPerson p : DemoFirm.FIRM_PEOPLE) {
            s.append("    ").append(p.email()).append("  firm  ").append(p.role()).append('\n');
        }
        for (String[] u : clientUsers) {
            s.append("    ").append(u[0]).append("  ").append(u[1]).append("  ").append(u[2]).append('\n');
        }
        log.info(s.toString());
    }

    @Override
    public void destroy() {
        clio.close();
    }
}
