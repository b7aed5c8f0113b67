package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.SimulatorMain;

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

    private static final String USAGE = "XeroSimulatorMain [--port N] [--seed demo] [--client-id X --client-secret Y] "
            + "[--webhook-key K] [--bulk-invoices N] [--per-minute N] [--per-day N] [--concurrent N] "
            + "[--app-per-minute N] [--page-size N]";

    private XeroSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorMain.Args a = SimulatorMain.parse(args, USAGE, "--webhook-key", "--bulk-invoices", "--per-minute",
                "--per-day", "--concurrent", "--app-per-minute", "--page-size");
        XeroSimulatorOptions o = XeroSimulatorOptions.defaults().withPort(a.port());
        o = o.withPageSize(a.intOption("--page-size", o.pageSize()));
        int bulk = a.intOption("--bulk-invoices", 0);
        if (bulk > 0 && !a.seeded()) {
            SimulatorMain.fail(USAGE, "--bulk-invoices needs --seed demo");
        }
        XeroSimulator sim = XeroSimulator.start(o.withLimits(a.intOption("--per-minute", o.perMinute()),
                a.intOption("--per-day", o.perDay()), a.intOption("--concurrent", o.concurrent()),
                a.intOption("--app-per-minute", o.appPerMinute())));
        a.registerApp(sim::registerApp);
        if (a.extras().containsKey("--webhook-key")) {
            sim.webhooks().setWebhookKey(a.extras().get("--webhook-key"));
        }
        if (a.seeded()) {
            XeroDemoSeed s = sim.seedDemoOrganisation();
            System.err.printf("seeded demo organisation %s: %d contacts, %d invoices%n", s.tenantId(),
                    s.contactIds().size(), s.invoiceIds().size());
            if (bulk > 0) {
                System.err.printf("added %d bulk invoices%n", sim.seedBulkInvoices(bulk).size());
            }
        }
        SimulatorMain.serve("xero-sim", sim, sim.baseUrl());
    }
}
