package org.matterhub.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.matterhub.demo.DemoAccounting;
import org.matterhub.demo.DemoConnect;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.BillingSyncService;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.quickbooks.QboRealm;
import org.matterhub.simulators.quickbooks.QboSimulator;
import org.matterhub.simulators.quickbooks.QboSimulatorOptions;
import org.matterhub.simulators.xero.XeroSimulator;
import org.matterhub.simulators.xero.XeroSimulatorOptions;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.LoggerFactory;

/**
 * Billing under the vendors' published rate limits: a QuickBooks Online simulator (500 requests/min and 10 concurrent
 * per company) and a Xero simulator (60/min, 5 concurrent and 5,000/day per organisation), each holding N invoices
 * (default 10,000), connected to one hub through the OAuth flow. The connect callback starts each backfill at once;
 * the benchmark waits until the portal holds every invoice and reports, per vendor, the API requests the simulator
 * received, its 429s, requests per invoice and how much of the allowed rate the backfill used. QuickBooks pages hold
 * 1,000 invoices, so its backfill is a handful of requests and not rate-bound; the QuickBooks limit is measured on
 * P firm-recorded payments (default 1,000) instead, each one request posted by the outbox. Command, definitions and
 * figures: benchmarks/README.md.
 */
public final class BillingRateBenchmark {

    static final String CLIENT_ID = "matterhub-bench";
    static final String CLIENT_SECRET = "bench-secret";
    /** A firm user with the staff role: records the payments. */
    static final String STAFF = "schen@harbourlaw.example";
    static final String QBO_REALM = "4620816365212345";
    static final int QBO_CUSTOMERS = 100;
    static final String QBO_API = "/v3/company/";
    static final String XERO_API = "/api.xro/2.0/";

    private BillingRateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int invoices = 10_000;
        int payments = 1_000;
        int xeroBudget = 0;
        java.util.Set<String> only = new java.util.HashSet<>(List.of("quickbooks", "xero", "payments"));
        Path out = Path.of("benchmarks/target/billing-rate-benchmark.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--invoices" -> invoices = Integer.parseInt(args[++i]);
                case "--payments" -> payments = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--xero-requests-per-minute" -> xeroBudget = Integer.parseInt(args[++i]);
                case "--only" -> only = new java.util.HashSet<>(List.of(args[++i].split(",")));
                default -> {
                    System.err.println("usage: BillingRateBenchmark [--invoices N] [--payments P]"
                            + " [--xero-requests-per-minute R] [--only quickbooks,xero,payments] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> env = BenchSupport.environment();
        results.put("environment", env);
        results.put("options", Map.of("invoices", invoices, "payments", payments, "xero_requests_per_minute", xeroBudget,
                "only", String.join(",", new java.util.TreeSet<>(only))));
        long started = System.nanoTime();

        Report.progress("starting the QuickBooks and Xero simulators with the vendors' published limits");
        QboSimulator qbo = QboSimulator.start(QboSimulatorOptions.defaults());
        XeroSimulator xero = XeroSimulator.start(XeroSimulatorOptions.defaults());
        boolean failed = false;
        TestHub hub = null;
        try {
            qbo.registerApp(CLIENT_ID, CLIENT_SECRET);
            xero.registerApp(CLIENT_ID, CLIENT_SECRET);
            Report.progress("seeding %d invoices for %d customers in QuickBooks", invoices, QBO_CUSTOMERS);
            seedQuickBooks(qbo.createRealm(QBO_REALM), invoices);
            Report.progress("seeding %d invoices in Xero", invoices);
            int xeroInvoices = xero.seedDemoOrganisation().invoiceIds().size() + xero.seedBulkInvoices(invoices).size();
            results.put("limits", Map.of(
                    "quickbooks", Map.of("per_minute", qbo.options().requestsPerMinute(),
                            "concurrent", qbo.options().maxConcurrent()),
                    "xero", Map.of("per_minute", xero.options().perMinute(), "concurrent", xero.options().concurrent(),
                            "per_day", xero.options().perDay())));

            Report.progress("starting the hub");
            hub = TestHub.start(hubSettings(qbo, xero));
            Run run = new Run(hub);

            int qboInvoices = qbo.realm(QBO_REALM).count("Invoice");
            if (only.contains("quickbooks") || only.contains("payments")) {
                failed |= BenchSupport.measure(results, "quickbooks_backfill", () -> run.backfill(SourceSystem.QUICKBOOKS.id(),
                        Map.of("displayName", "QuickBooks (benchmark)", "baseUrl", QboSimulator.SDK_BASE_URL,
                                "settings", Map.of("linkByName", false)),
                        qboInvoices, () -> apiRequests(qbo.requests(), QBO_API), qbo.options().requestsPerMinute()));
            }
            // 0 = the vendor's published limit; otherwise the connection's own request budget (a connection setting).
            Map<String, Object> xeroSettings = new HashMap<>(Map.of("linkByName", false));
            if (xeroBudget > 0) {
                xeroSettings.put("requestsPerMinute", xeroBudget);
            }
            if (only.contains("xero")) {
                failed |= BenchSupport.measure(results, "xero_backfill", () -> run.backfill(SourceSystem.XERO.id(),
                        Map.of("displayName", "Xero (benchmark)", "baseUrl", xero.accountingBasePath(),
                                "settings", xeroSettings),
                        xeroInvoices, () -> apiRequests(xero.requests(), XERO_API), xero.options().perMinute()));
            }
            if (only.contains("payments")) {
                int toPost = payments;
                failed |= BenchSupport.measure(results, "quickbooks_payments", () -> run.payments(qbo, toPost));
            }
        } catch (RuntimeException e) {
            failed = true;
            results.put("error", e.toString());
            LoggerFactory.getLogger(BillingRateBenchmark.class).error("The benchmark failed", e);
        } finally {
            Report.progress("stopping the hub and the simulators");
            if (hub != null) {
                hub.close();
            }
            qbo.close();
            xero.close();
        }
        results.put("total_seconds", BenchSupport.round((System.nanoTime() - started) / 1e9, 1));
        BenchSupport.finish(out, results, render(results), failed ? 1 : 0);
    }

    /**
     * The integration tests' hub without the demo's own books, its {@code matterhub.billing.*} pointed at these
     * simulators as {@code DemoAccounting} points the demo's. The scheduled billing poll is set to an hour, so the
     * connect callback's poll is the one backfill measured.
     */
    private static Map<String, String> hubSettings(QboSimulator qbo, XeroSimulator xero) {
        Map<String, String> s = new HashMap<>();
        s.put("matterhub.demo.billing", "false");
        s.put("matterhub.demo.documents", "false");
        s.put("matterhub.billing.poll-interval-ms", "3600000");
        s.putAll(DemoAccounting.simulatorSettings(qbo, CLIENT_ID, CLIENT_SECRET, "bench-qbo-verifier-token", xero, CLIENT_ID,
                CLIENT_SECRET, "bench-xero-webhook-key"));
        s.put("logging.level.root", "WARN");
        s.put("logging.level.org.matterhub", "WARN");
        return s;
    }

    /** {@code customers} customers and {@code count} unpaid invoices of one service line each, spread over them. */
    static void seedQuickBooks(QboRealm realm, int count) {
        List<String> customers = new ArrayList<>();
        for (int c = 1; c <= QBO_CUSTOMERS; c++) {
            ObjectNode body = BenchSupport.JSON.createObjectNode();
            String name = String.format(Locale.ROOT, "Bench Client %03d Ltd", c);
            body.put("DisplayName", name);
            body.put("CompanyName", name);
            body.putObject("PrimaryEmailAddr").put("Address", "accounts@client" + c + ".example");
            customers.add(realm.create("Customer", body).path("Id").asText());
        }
        LocalDate start = LocalDate.of(2025, 1, 1);
        for (int n = 1; n <= count; n++) {
            LocalDate date = start.plusDays(n % 365);
            BigDecimal hours = BigDecimal.valueOf(1 + n % 8);
            BigDecimal rate = BigDecimal.valueOf(200 + 25L * (n % 5));
            ObjectNode inv = BenchSupport.JSON.createObjectNode();
            inv.putObject("CustomerRef").put("value", customers.get(n % customers.size()));
            inv.put("DocNumber", String.format(Locale.ROOT, "BQ-%05d", n));
            inv.put("TxnDate", date.toString());
            inv.put("DueDate", date.plusDays(30).toString());
            QboRealm.serviceLine(inv, "Professional services", hours, rate);
            realm.create("Invoice", inv);
        }
    }

    static List<RecordedRequest> apiRequests(List<RecordedRequest> all, String marker) {
        return all.stream().filter(r -> r.path().contains(marker)).toList();
    }

    /** The measurements against one hub. */
    static final class Run {

        private final TestHub hub;
        private final Map<String, UUID> connected = new HashMap<>();

        Run(TestHub hub) {
            this.hub = hub;
        }

        /**
         * Connects {@code vendor} as a firm admin does; the callback starts the backfill. Waits until the backfill is
         * complete and the portal holds all {@code expected} invoices of the connection.
         */
        Map<String, Object> backfill(String vendor, Map<String, Object> body, int expected,
                                     Supplier<List<RecordedRequest>> api, int limit) throws Exception {
            Report.progress("%s: connecting; the callback starts the backfill of %d invoices", vendor, expected);
            UUID connection = DemoConnect.connect(DemoConnect.httpClient(), hub.bean(EmbeddedIssuer.class), hub.baseUrl(),
                    vendor, body);
            connected.put(vendor, connection);
            BillingSyncService sync = hub.bean(BillingSyncService.class);
            long lastReport = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (!(sync.backfillComplete(vendor, hub.firmId(), connection) && stored(connection) >= expected)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(vendor + " backfill did not finish in 30 minutes: " + stored(connection)
                            + " of " + expected + " invoices stored");
                }
                if (System.nanoTime() - lastReport > 15e9) {
                    lastReport = System.nanoTime();
                    Report.progress("%s: %d of %d invoices stored, %d API requests so far", vendor, stored(connection),
                            expected, api.get().size());
                }
                BenchSupport.sleep(50);
            }
            Instant done = Instant.now();
            BenchSupport.sleep(500);   // a request answered just before completion is recorded by now
            List<RecordedRequest> requests = api.get();
            long stored = stored(connection);
            Report.progress("%s: backfill complete, %d invoices stored with %d API requests", vendor, stored, requests.size());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("connection", connection.toString());
            out.put("invoices_in_simulator", expected);
            out.put("invoices_stored", stored);
            out.putAll(analyse(requests, limit, done));
            out.put("requests_per_invoice", BenchSupport.round(requests.size() / (double) stored, 4));
            out.put("requests_by_resource", byResource(requests));
            out.put("dead_letters", hub.count("select count(*) from dead_letter where connection_id = ?", connection));
            return out;
        }

        /**
         * {@code count} payments recorded by staff against open QuickBooks invoices while the connection is paused
         * (queued work of a paused connection stays queued), then the connection is resumed and the outbox posts
         * them, one create each. Waits until every posting is posted.
         */
        Map<String, Object> payments(QboSimulator qbo, int count) throws Exception {
            UUID connection = connected.get(SourceSystem.QUICKBOOKS.id());
            if (connection == null) {
                throw new IllegalStateException("QuickBooks is not connected");
            }
            Tenancy tenancy = hub.bean(Tenancy.class);
            ConnectionRepository connections = hub.bean(ConnectionRepository.class);
            TenantScope system = TenantScope.system(hub.firmId());
            List<Map<String, Object>> open = hub.query("select id, currency from invoice where connection_id = ? "
                    + "and status = 'open' and balance_minor > 100 order by external_id limit ?", connection, count);
            if (open.size() < count) {
                throw new IllegalStateException("Only " + open.size() + " open QuickBooks invoices to pay");
            }
            tenancy.writeVoid(system, () -> connections.setStatus(connection, "paused"));
            Report.progress("quickbooks: recording %d payments (connection paused, so the outbox holds them)", count);
            String token = hub.token(STAFF);
            String receivedOn = LocalDate.now().minusDays(1).toString();
            for (Map<String, Object> inv : open) {
                String body = "{\"amount\":\"1.00\",\"currency\":\"" + inv.get("currency") + "\",\"receivedOn\":\""
                        + receivedOn + "\",\"method\":\"bank_transfer\",\"note\":\"Benchmark\"}";
                HttpResponse<String> r = hub.raw("POST", "/api/v1/staff/invoices/" + inv.get("id") + "/payments", token, body,
                        "application/json", Map.of());
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("Recording a payment failed: " + r.statusCode() + " " + r.body());
                }
            }
            int paymentsBefore = qbo.realm(QBO_REALM).count("Payment");
            int before = apiRequests(qbo.requests(), QBO_API).size();
            Report.progress("quickbooks: resuming the connection; the outbox posts %d payments", count);
            tenancy.writeVoid(system, () -> connections.setStatus(connection, "active"));
            long lastReport = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (posted(connection) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + posted(connection) + " of " + count + " payments posted in 20 min");
                }
                if (System.nanoTime() - lastReport > 15e9) {
                    lastReport = System.nanoTime();
                    Report.progress("quickbooks: %d of %d payments posted", posted(connection), count);
                }
                BenchSupport.sleep(50);
            }
            Instant done = Instant.now();
            BenchSupport.sleep(500);
            List<RecordedRequest> all = apiRequests(qbo.requests(), QBO_API);
            List<RecordedRequest> requests = all.subList(before, all.size());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("payments_recorded", count);
            out.put("postings_posted", posted(connection));
            out.put("payments_created_in_simulator", qbo.realm(QBO_REALM).count("Payment") - paymentsBefore);
            out.putAll(analyse(requests, qbo.options().requestsPerMinute(), done));
            out.put("requests_per_payment", BenchSupport.round(requests.size() / (double) count, 4));
            out.put("requests_by_resource", byResource(requests));
            out.put("outbox_attempts", hub.count("select coalesce(sum(attempts), 0) from outbox where connection_id = ? "
                    + "and kind = 'payment.post'", connection));
            out.put("dead_letters", hub.count("select count(*) from dead_letter where connection_id = ?", connection));
            return out;
        }

        private long stored(UUID connection) {
            return hub.count("select count(*) from invoice where connection_id = ?", connection);
        }

        private long posted(UUID connection) {
            return hub.count("select count(*) from payment_posting where connection_id = ? and status = 'posted'", connection);
        }
    }

    /**
     * The figures of one phase from the requests the simulator received. {@code limit} per minute is the allowed
     * rate; {@code done} is when the hub's work was seen complete.
     *
     * <ul>
     *   <li>utilisation = achieved rate / allowed rate, the achieved rate being (n − 1) requests over the span from
     *   the first request to the last (n requests have n − 1 gaps between them).</li>
     *   <li>utilisation_to_completion = n / (limit × minutes from the first request to {@code done}): stricter, it
     *   also charges the work after the last request (the last page's write) and the benchmark's own polling.</li>
     *   <li>windows: the simulator's fixed 60-s windows replayed (one opens at the whole second of the first request
     *   after the previous one ended), with the requests each admitted.</li>
     * </ul>
     */
    static Map<String, Object> analyse(List<RecordedRequest> requests, int limit, Instant done) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = requests.size();
        long tooMany = requests.stream().filter(r -> r.status() == 429).count();
        long failedOther = requests.stream().filter(r -> r.status() != 429 && (r.status() < 200 || r.status() >= 300)).count();
        out.put("limit_per_minute", limit);
        out.put("requests", n);
        out.put("rate_limited_429", tooMany);
        out.put("other_non_2xx", failedOther);
        if (n == 0) {
            return out;
        }
        Instant first = requests.get(0).at();
        Instant last = requests.get(n - 1).at();
        double span = BenchSupport.seconds(first, last);
        double toDone = BenchSupport.seconds(first, done);
        out.put("first_request", first.toString());
        out.put("seconds_first_to_last_request", BenchSupport.round(span, 2));
        out.put("seconds_first_request_to_done", BenchSupport.round(toDone, 2));
        double rate = n > 1 && span > 0 ? (n - 1) / span * 60 : 0;
        out.put("achieved_per_minute", BenchSupport.round(rate, 1));
        out.put("utilisation", BenchSupport.round(rate / limit, 3));
        out.put("utilisation_to_completion", BenchSupport.round(n / (limit * toDone / 60), 3));
        List<Map<String, Object>> windows = new ArrayList<>();
        long start = Long.MIN_VALUE;
        int admitted = 0;
        for (RecordedRequest r : requests) {
            long sec = r.at().getEpochSecond();
            if (start == Long.MIN_VALUE || sec >= start + 60) {
                if (start != Long.MIN_VALUE) {
                    windows.add(window(start, admitted, last));
                }
                start = sec;
                admitted = 0;
            }
            if (r.status() != 429) {
                admitted++;
            }
        }
        windows.add(window(start, admitted, last));
        out.put("windows", windows);
        out.put("max_in_one_window", windows.stream().mapToLong(w -> (Integer) w.get("requests")).max().orElse(0));
        return out;
    }

    private static Map<String, Object> window(long start, int admitted, Instant last) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("start", Instant.ofEpochSecond(start).toString());
        w.put("requests", admitted);
        w.put("seconds_used", BenchSupport.round(Math.min(60, last.getEpochSecond() + last.getNano() / 1e9 - start), 1));
        return w;
    }

    /** Requests by method and the API resource they name (query, invoice, payment, Invoices, ...). */
    static Map<String, Long> byResource(List<RecordedRequest> requests) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (RecordedRequest r : requests) {
            String path = r.path();
            String resource;
            int api = path.indexOf(QBO_API);
            if (api >= 0) {
                String[] segs = path.substring(api + QBO_API.length()).split("/");
                resource = segs.length > 1 ? segs[1] : "?";
            } else {
                int x = path.indexOf(XERO_API);
                String[] segs = path.substring(x + XERO_API.length()).split("/");
                resource = segs[0];
            }
            out.merge(r.method() + " " + resource, 1L, Long::sum);
        }
        return out;
    }


    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r) {
        StringBuilder s = new StringBuilder();
        Map<String, Object> env = (Map<String, Object>) r.get("environment");
        s.append("\n==== Matterhub billing rate-limit benchmark ====\n");
        s.append(String.format("%s cores, Java %s; run took %s s%n", env.get("cores"), env.get("java"), r.get("total_seconds")));
        String[][] phases = {
            {"quickbooks_backfill", "QuickBooks backfill (500/min, 10 concurrent per company; pages of 1,000)"},
            {"xero_backfill", "Xero backfill (60/min, 5 concurrent, 5,000/day per organisation; pages of 100)"},
            {"quickbooks_payments", "QuickBooks firm-recorded payments posted by the outbox (500/min)"},
        };
        for (String[] p : phases) {
            s.append(String.format("%n%s%n", p[1]));
            Object v = r.get(p[0]);
            if (!(v instanceof Map<?, ?>)) {
                s.append("   not run\n");
                continue;
            }
            Map<String, Object> x = (Map<String, Object>) v;
            if (x.containsKey("error")) {
                s.append("   FAILED: ").append(x.get("error")).append('\n');
                continue;
            }
            if (x.containsKey("invoices_stored")) {
                s.append(String.format("   invoices stored %s of %s; %s API requests = %s requests per invoice%n",
                        x.get("invoices_stored"), x.get("invoices_in_simulator"), x.get("requests"),
                        x.get("requests_per_invoice")));
            } else {
                s.append(String.format("   payments posted %s of %s (created in the simulator: %s); %s API requests = %s per payment%n",
                        x.get("postings_posted"), x.get("payments_recorded"), x.get("payments_created_in_simulator"),
                        x.get("requests"), x.get("requests_per_payment")));
            }
            s.append(String.format("   429s %s, other failures %s; by resource %s%n", x.get("rate_limited_429"),
                    x.get("other_non_2xx"), x.get("requests_by_resource")));
            s.append(String.format("   first to last request %s s, first request to done %s s%n",
                    x.get("seconds_first_to_last_request"), x.get("seconds_first_request_to_done")));
            s.append(String.format("   achieved %s req/min of %s allowed: utilisation %s (to completion %s)%n",
                    x.get("achieved_per_minute"), x.get("limit_per_minute"), x.get("utilisation"),
                    x.get("utilisation_to_completion")));
            List<Map<String, Object>> w = (List<Map<String, Object>>) x.get("windows");
            if (w != null) {
                s.append("   simulator windows (requests in seconds used):");
                for (Map<String, Object> one : w) {
                    s.append(String.format(" %s in %s s;", one.get("requests"), one.get("seconds_used")));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }
}
