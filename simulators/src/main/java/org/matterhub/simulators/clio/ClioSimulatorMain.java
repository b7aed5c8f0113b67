package org.matterhub.simulators.clio;

import java.util.concurrent.CountDownLatch;

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
        int port = 0;
        String seed = null;
        String clientId = null;
        String clientSecret = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + arg);
            }
            switch (arg) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--seed" -> seed = args[++i];
                case "--client-id" -> clientId = args[++i];
                case "--client-secret" -> clientSecret = args[++i];
                default -> usage("unknown option " + arg);
            }
        }
        if (seed != null && !"demo".equals(seed)) {
            usage("--seed supports only 'demo'");
        }
        if ((clientId == null) != (clientSecret == null)) {
            usage("--client-id and --client-secret go together");
        }
        ClioSimulator sim = ClioSimulator.start(ClioSimulatorOptions.builder().port(port).build());
        if (clientId != null) {
            sim.registerApp(clientId, clientSecret);
        }
        if (seed != null) {
            DemoSeed s = sim.seedDemoFirm();
            System.err.printf("seeded demo firm: %d companies, %d people, %d matters%n",
                    s.companyIds().size(), s.personIds().size(), s.matterIds().size());
        }
        System.out.println(sim.baseUrl());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "clio-sim-shutdown"));
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ClioSimulatorMain [--port N] [--seed demo] [--client-id X --client-secret Y]");
        System.exit(2);
    }
}
