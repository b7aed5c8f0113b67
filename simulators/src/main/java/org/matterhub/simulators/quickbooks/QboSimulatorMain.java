package org.matterhub.simulators.quickbooks;

import java.util.concurrent.CountDownLatch;

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
        QboSimulator sim = QboSimulator.start(QboSimulatorOptions.defaults().withPort(port));
        if (clientId != null) {
            sim.registerApp(clientId, clientSecret);
        }
        if (seed != null) {
            QboDemoSeed s = sim.seedDemoRealm();
            System.err.printf("seeded demo realm %s: %d clients, %d matters%n", s.realmId(), s.clientIds().size(),
                    s.matterIds().size());
            if (clientId != null) {
                System.err.println("access token: " + sim.issueToken(clientId, s.realmId()));
            }
        }
        System.out.println(sim.baseUrl());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "qbo-sim-shutdown"));
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: QboSimulatorMain [--port N] [--seed demo] [--client-id ID --client-secret SECRET]");
        System.exit(2);
    }
}
