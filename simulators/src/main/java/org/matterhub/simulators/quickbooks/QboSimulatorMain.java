package org.matterhub.simulators.quickbooks;

import org.matterhub.simulators.common.SimulatorMain;

/**
 * Runs a {@link QboSimulator} until killed.
 *
 * <pre>
 * java -cp ... org.matterhub.simulators.quickbooks.QboSimulatorMain --port 8083 --seed demo \
 *      --client-id matterhub --client-secret s3cret
 * </pre>
 * Prints the base URL on the first line of standard output; with a client, a ready access token for the demo realm
 * goes to standard error.
 */
public final class QboSimulatorMain {

    private QboSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorMain.Args a = SimulatorMain.parse(args,
                "QboSimulatorMain [--port N] [--seed demo] [--client-id ID --client-secret SECRET]");
        QboSimulator sim = QboSimulator.start(QboSimulatorOptions.defaults().withPort(a.port()));
        a.registerApp(sim::registerApp);
        if (a.seeded()) {
            QboDemoSeed s = sim.seedDemoRealm();
            System.err.printf("seeded demo realm %s: %d clients, %d matters%n", s.realmId(), s.clientIds().size(),
                    s.matterIds().size());
            if (a.clientId() != null) {
                System.err.println("access token: " + sim.issueToken(a.clientId(), s.realmId()));
            }
        }
        SimulatorMain.serve("qbo-sim", sim, sim.baseUrl());
    }
}
