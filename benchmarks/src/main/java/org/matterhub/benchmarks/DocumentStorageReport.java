package org.matterhub.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table {@link DocumentStorageBenchmark} logs: per size, upload and the two downloads, store against raw. */
final class DocumentStorageReport {

    private DocumentStorageReport() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> results) {
        Map<String, Object> env = (Map<String, Object>) results.get("environment");
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n==== Matterhub document storage benchmark ====%n"));
        s.append(String.format(Locale.ROOT, "%s cores, Java %s, %s; %s; %s repetitions per size after a warm-up; "
                        + "run took %s s%n", env.get("cores"), env.get("java"), env.get("os"), env.get("object_store"),
                env.get("repetitions"), results.get("total_seconds")));
        s.append(String.format(Locale.ROOT, "MiB/s are medians; ratio = store / raw per repetition, median [min-max]; "
                + "aim >= %.1f%n%n", DocumentStorageBenchmark.AIM_RATIO));
        s.append(String.format(Locale.ROOT, "%-14s %-26s %11s %11s %20s %8s   %s%n", "size", "operation", "store MiB/s",
                "raw MiB/s", "ratio [range]", "aim", "Tink directly, no Camel: MiB/s, ratio"));
        Map<String, Object> sizes = (Map<String, Object>) results.getOrDefault("sizes", Map.of());
        for (Map.Entry<String, Object> e : sizes.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            if (m.containsKey("error")) {
                s.append(String.format(Locale.ROOT, "%-14s FAILED: %s%n", e.getKey(), m.get("error")));
                continue;
            }
            row(s, e.getKey(), "upload (put)", (Map<String, Object>) m.get("upload"));
            row(s, "", "download, reader drains", (Map<String, Object>) m.get("download_drain"));
            row(s, "", "download, reader hashes", (Map<String, Object>) m.get("download_sha256"));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String size, String operation, Map<String, Object> r) {
        String inline = r.containsKey("tink_directly_mib_s")
                ? String.format(Locale.ROOT, "%9.1f  %.2f", (Double) r.get("tink_directly_mib_s"),
                (Double) r.get("tink_directly_ratio"))
                : "";
        s.append(String.format(Locale.ROOT, "%-14s %-26s %11.1f %11.1f %7.2f [%.2f-%.2f] %8s   %s%n", size, operation,
                (Double) r.get("store_mib_s"), (Double) r.get("raw_mib_s"), (Double) r.get("ratio"),
                (Double) r.get("ratio_min"), (Double) r.get("ratio_max"),
                Boolean.TRUE.equals(r.get("meets_aim")) ? "met" : "NOT MET", inline));
    }

    /** MiB/s per repetition of one side. */
    static final class Series {
        final List<Double> mibPerSecond = new ArrayList<>();

        void add(double v) {
            mibPerSecond.add(v);
        }

        double median() {
            return DocumentStorageReport.median(mibPerSecond);
        }
    }

    /** The store against raw, per repetition (adjacent in time, so they share the machine's state); and inline. */
    static Map<String, Object> compare(Series storeSide, Series rawSide, Series inline) {
        List<Double> ratios = new ArrayList<>();
        List<Double> inlineRatios = new ArrayList<>();
        for (int i = 0; i < storeSide.mibPerSecond.size(); i++) {
            ratios.add(storeSide.mibPerSecond.get(i) / rawSide.mibPerSecond.get(i));
            if (inline != null) {
                inlineRatios.add(inline.mibPerSecond.get(i) / rawSide.mibPerSecond.get(i));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("store_mib_s", round(storeSide.median(), 1));
        out.put("raw_mib_s", round(rawSide.median(), 1));
        out.put("ratio", round(median(ratios), 2));
        out.put("ratio_min", round(ratios.stream().min(Comparator.naturalOrder()).orElse(0.0), 2));
        out.put("ratio_max", round(ratios.stream().max(Comparator.naturalOrder()).orElse(0.0), 2));
        out.put("meets_aim", median(ratios) >= DocumentStorageBenchmark.AIM_RATIO);
        if (inline != null) {
            out.put("tink_directly_mib_s", round(inline.median(), 1));
            out.put("tink_directly_ratio", round(median(inlineRatios), 2));
        }
        out.put("store_mib_s_per_repetition", rounded(storeSide.mibPerSecond));
        out.put("raw_mib_s_per_repetition", rounded(rawSide.mibPerSecond));
        if (inline != null) {
            out.put("tink_directly_mib_s_per_repetition", rounded(inline.mibPerSecond));
        }
        return out;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    static List<Double> rounded(List<Double> values) {
        return values.stream().map(v -> round(v, 1)).toList();
    }
}
