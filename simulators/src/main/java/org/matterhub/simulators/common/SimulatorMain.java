package org.matterhub.simulators.common;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * Start-up for the simulators' {@code main} methods: parses the common options ({@code --port N},
 * {@code --seed demo}, {@code --client-id X --client-secret Y}) and a vendor's extra ones, prints the base URL
 * on the first line of standard output and runs until killed. A bad command line prints the usage and exits 2.
 */
public final class SimulatorMain {

    /** The parsed command line; {@code extras} holds the vendor's own options by name (e.g. {@code --per-day}). */
    public record Args(int port, String seed, String clientId, String clientSecret, Map<String, String> extras) {

        public boolean seeded() {
            return seed != null;
        }

        /** Registers the app given by {@code --client-id}/{@code --client-secret}, if any. */
        public void registerApp(BiConsumer<String, String> register) {
            if (clientId != null) {
                register.accept(clientId, clientSecret);
            }
        }

        /** An extra option as an int, or {@code dflt} when absent. */
        public int intOption(String name, int dflt) {
            String v = extras.get(name);
            return v == null ? dflt : Integer.parseInt(v);
        }
    }

    private final String usage;

    private SimulatorMain(String usage) {
        this.usage = usage;
    }

    /**
     * Parses {@code args}.
     *
     * @param usage  the usage line (after the class name's {@code usage:})
     * @param extras the vendor's own options, each taking one value
     */
    public static Args parse(String[] args, String usage, String... extras) {
        SimulatorMain main = new SimulatorMain(usage);
        List<String> known = Arrays.asList(extras);
        int port = 0;
        String seed = null;
        String clientId = null;
        String clientSecret = null;
        Map<String, String> more = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                main.fail("missing value for " + arg);
            }
            String v = args[++i];
            switch (arg) {
                case "--port" -> port = Integer.parseInt(v);
                case "--seed" -> seed = v;
                case "--client-id" -> clientId = v;
                case "--client-secret" -> clientSecret = v;
                default -> {
                    if (!known.contains(arg)) {
                        main.fail("unknown option " + arg);
                    }
                    more.put(arg, v);
                }
            }
        }
        if (seed != null && !"demo".equals(seed)) {
            main.fail("--seed supports only 'demo'");
        }
        if ((clientId == null) != (clientSecret == null)) {
            main.fail("--client-id and --client-secret go together");
        }
        return new Args(port, seed, clientId, clientSecret, more);
    }

    /** Prints the problem and the usage, and exits 2. */
    public static void fail(String usage, String problem) {
        new SimulatorMain(usage).fail(problem);
    }

    /** Prints {@code baseUrl} on standard output and waits until the JVM is stopped, then closes {@code sim}. */
    public static void serve(String name, AutoCloseable sim, String baseUrl) throws InterruptedException {
        System.out.println(baseUrl);
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sim.close();
            } catch (Exception e) {
                System.err.println(name + ": close failed: " + e);
            }
            stopped.countDown();
        }, name + "-shutdown"));
        stopped.await();
    }

    private void fail(String problem) {
        System.err.println(problem);
        System.err.println("usage: " + usage);
        System.exit(2);
    }
}
