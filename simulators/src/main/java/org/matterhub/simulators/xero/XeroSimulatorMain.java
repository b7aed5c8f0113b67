package org.matterhub.simulators.xero;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link XeroSimulator} until killed (so a hub under test can be killed and restarted against it).
 *
 * <pre>
 * java -cp ... org.matterhub.simulators.xero.XeroSimulatorMain --port 8083 --seed demo \
 *      --client-id matterhub --client-secret s3cret [--webhook-key K] [--bulk-invoices 10000] \
 *      [--per-minute 60] [--per-day 5000] [--concurrent 5] [--app-per-minute 10000] [--page-size 100]
 * </pre>
 * Prints the base URL on the first line of standard output; accounting is at base + {@code /api.xro/2.0}.
 */
public final class XeroSimulatorMain {

    private XeroSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        XeroSimulatorOptions o = XeroSimulatorOptions.defaults();
        int perMinute = o.perMinute();
        int perDay = o.perDay();
        int concurrent = o.concurrent();
        int appPerMinute = o.appPerMinute();
        String seed = null;
        String clientId = null;
        String clientSecret = null;
        String webhookKey = null;
        int bulk = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + arg);
            }
            String v = args[++i];
            switch (arg) {
                case "--port" -> o = o.withPort(Integer.parseInt(v));
                case "--seed" -> seed = v;
                case "--client-id" -> clientId = v;
                case "--client-secret" -> clientSecret = v;
                case "--webhook-key" -> webhookKey = v;
                case "--bulk-invoices" -> bulk = Integer.parseInt(v);
                case "--per-minute" -> perMinute = Integer.parseInt(v);
                case "--per-day" -> perDay = Integer.parseInt(v);
                case "--concurrent" -> concurrent = Integer.parseInt(v);
                case "--app-per-minute" -> appPerMinute = Integer.parseInt(v);
                case "--page-size" -> o = o.withPageSize(Integer.parseInt(v));
                default -> usage("unknown option " + arg);
            }
        }
        if (seed != null && !"demo".equals(seed)) {
            usage("--seed supports only 'demo'");
        }
        if (bulk > 0 && seed == null) {
            usage("--bulk-invoices needs --seed demo");
        }
        if ((clientId == null) != (clientSecret == null)) {
            usage("--client-id and --client-secret go together");
        }
        XeroSimulator sim = XeroSimulator.start(o.withLimits(perMinute, perDay, concurrent, appPerMinute));
        if (clientId != null) {
            sim.registerApp(clientId, clientSecret);
        }
        if (webhookKey != null) {
            sim.webhooks().setWebhookKey(webhookKey);
        }
        if (seed != null) {
            XeroDemoSeed s = sim.seedDemoOrganisation();
            System.err.printf("seeded demo organisation %s: %d contacts, %d invoices%n", s.tenantId(),
                    s.contactIds().size(), s.invoiceIds().size());
            if (bulk > 0) {
                System.err.printf("added %d bulk invoices%n", sim.seedBulkInvoices(bulk).size());
            }
        }
        System.out.println(sim.baseUrl());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "xero-sim-shutdown"));
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: XeroSimulatorMain [--port N] [--seed demo] [--client-id X --client-secret Y] "
                + "[--webhook-key K] [--bulk-invoices N] [--per-minute N] [--per-day N] [--concurrent N] "
                + "[--app-per-minute N] [--page-size N]");
        System.exit(2);
    }
}
