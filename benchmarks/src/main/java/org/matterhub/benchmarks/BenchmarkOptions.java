package org.matterhub.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link ClioBenchmark}.
 *
 * @param matters     matters in the backfill simulator (contacts: a tenth of that)
 * @param rateLimit   requests per minute per access token, set in the simulator and in the hub
 * @param rateSeconds how long the rate-limit measurement runs
 * @param changes     matter status changes timed with webhooks on
 * @param pollChanges matter status changes timed with webhooks off (polling only)
 * @param only        which measurements run
 * @param out         where the JSON report is written
 */
record BenchmarkOptions(int matters, int rateLimit, int rateSeconds, int changes, int pollChanges,
                        Set<Measurement> only, Path out) {

    enum Measurement { BACKFILL, WEBHOOK, RATE }

    static final String USAGE = """
            ClioBenchmark [--matters N] [--rate-limit L] [--rate-seconds D] [--changes C] [--poll-changes P]
                          [--only backfill|rate|webhook[,...]] [--out FILE]
              --matters N       matters in the backfill simulator, contacts N/10   (default 5000)
              --rate-limit L    requests/minute per token, simulator and hub       (default 50, Clio's peak limit)
              --rate-seconds D  length of the rate-limit measurement in seconds    (default 150)
              --changes C       status changes timed with webhooks on              (default 200)
              --poll-changes P  status changes timed with webhooks off             (default 10)
              --only WHICH      run only these measurements, comma-separated       (default: all three)
              --out FILE        JSON report                     (default benchmarks/target/clio-benchmark.json)
            """;

    static BenchmarkOptions parse(String[] args) {
        int matters = 5000;
        int rateLimit = 50;
        int rateSeconds = 150;
        int changes = 200;
        int pollChanges = 10;
        Set<Measurement> only = EnumSet.allOf(Measurement.class);
        Path out = defaultOut();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--matters" -> matters = positive(a, v);
                case "--rate-limit" -> rateLimit = positive(a, v);
                case "--rate-seconds" -> rateSeconds = positive(a, v);
                case "--changes" -> changes = positive(a, v);
                case "--poll-changes" -> pollChanges = nonNegative(a, v);
                case "--only" -> {
                    only = EnumSet.noneOf(Measurement.class);
                    for (String s : require(a, v).split(",")) {
                        only.add(switch (s.trim().toLowerCase(Locale.ROOT)) {
                            case "backfill" -> Measurement.BACKFILL;
                            case "rate" -> Measurement.RATE;
                            case "webhook", "webhooks" -> Measurement.WEBHOOK;
                            default -> throw new IllegalArgumentException("--only takes backfill, rate or webhook: " + s);
                        });
                    }
                }
                case "--out" -> out = Path.of(require(a, v));
                case "--help", "-h" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
            i++;
        }
        return new BenchmarkOptions(matters, rateLimit, rateSeconds, changes, pollChanges, only, out);
    }

    /** {@code benchmarks/target/...} from the repository root, {@code target/...} from inside the module. */
    private static Path defaultOut() {
        Path module = Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks") : Path.of(".");
        return module.resolve("target").resolve("clio-benchmark.json").normalize();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(require(option, value));
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number: " + value);
        }
    }
}
