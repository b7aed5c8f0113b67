package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.SimulatorMain;

/**
 * Runs a {@link ClioSimulator} until killed.
 *
 * <pre>
 * java -cp ... org.matterhub.simulators.clio.ClioSimulatorMain --port 8081 --seed demo \
 *      --client-id matterhub --client-secret s3cret
 * </pre>
 * Prints the base URL on the first line of standard output.
 */
public final class ClioSimulatorMain {

    private ClioSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorMain.Args a = SimulatorMain.parse(args,
                "ClioSimulatorMain [--port N] [--seed demo] [--client-id X --client-secret Y]");
        ClioSimulator sim = ClioSimulator.start(ClioSimulatorOptions.builder().port(a.port()).build());
        a.registerApp(sim::registerApp);
        if (a.seeded()) {
            DemoSeed s = sim.seedDemoFirm();
            System.err.printf("seeded demo firm: %d companies, %d people, %d matters%n",
                    s.companyIds().size(), s.personIds().size(), s.matterIds().size());
        }
        SimulatorMain.serve("clio-sim", sim, sim.baseUrl());
    }
}
