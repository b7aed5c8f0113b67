package org.matterhub.config.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.matterhub.simulators.common.FaultInjector;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.RequestHolds;
import org.matterhub.simulators.common.VendorSimulator;
import org.slf4j.LoggerFactory;

/**
 * The fault and crash harness of the chaos and crash tests. It knows each vendor simulator of a run, so that:
 * <ul>
 *   <li>{@link #assertEveryArmedFaultFired} proves each kind of fault armed on a vendor hit at least one request (the
 *       simulators count them; a fault that never fired proves nothing);</li>
 *   <li>{@link #killWhileHolding} kills the hub while the simulator holds a request of the kind under test — before the
 *       vendor applied it, or after it applied it and before the answer left (the commit window) — and fails when no
 *       such request came, so a kill can no longer land between requests or after the work was done;</li>
 *   <li>{@link #write} prints and writes under {@code target/chaos-reports/} each vendor's fault counts and, for each
 *       kill, what was in flight.</li>
 * </ul>
 */
public final class ChaosReport {

    /** One kill: the life that died, the vendor and the request it held then, and the test's own notes. */
    public record Kill(String life, String vendor, RequestHolds.HeldRequest inFlight, String note) {
    }

    private final String name;
    private final Map<String, FaultInjector> vendors = new LinkedHashMap<>();
    private final List<Kill> kills = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public ChaosReport(String name) {
        this.name = name;
    }

    /** Adds a vendor simulator whose faults the report counts. */
    public ChaosReport vendor(String vendor, VendorSimulator<?> simulator) {
        vendors.put(vendor, simulator.faults());
        return this;
    }

    /**
     * Arms a hold on the next {@code method} request whose path matches {@code pathRegex} at {@code vendor}, waits
     * (up to {@code timeout}) until the simulator holds one, kills {@code hub} with SIGKILL, then releases the request
     * (which goes on at the vendor with nobody left to hear the answer). Fails when no such request arrives.
     *
     * @param whileDead checks run after the kill and before the release (the state the kill left behind)
     * @return the request that was in flight when the hub died
     */
    public RequestHolds.HeldRequest killWhileHolding(ChildHub hub, String life, String vendor,
                                                     VendorSimulator<?> simulator, String method, String pathRegex,
                                                     RequestHolds.Phase phase, Duration timeout,
                                                     Consumer<RequestHolds.HeldRequest> whileDead) {
        RequestHolds.Hold hold = simulator.holds().hold(method, pathRegex, phase);
        RequestHolds.HeldRequest held;
        try {
            held = hold.awaitHeld(timeout).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (held == null) {
            hold.release();
            throw new AssertionError(life + ": no " + method + " " + pathRegex + " reached " + vendor + " within "
                    + timeout + ", so the kill would not have had one in flight");
        }
        assertThat(hold.holding()).as("%s: the request is still held at the kill", life).isTrue();
        hub.kill();
        try {
            whileDead.accept(held);
        } finally {
            hold.release();
        }
        return held;
    }

    /** Notes a kill with what was in flight. */
    public void kill(String life, String vendor, RequestHolds.HeldRequest inFlight, String note) {
        kills.add(new Kill(life, vendor, inFlight, note));
    }

    /** A free line in the report (progress figures and the like). */
    public void note(String line) {
        notes.add(line);
    }

    public List<Kill> kills() {
        return List.copyOf(kills);
    }

    /** Each kind of fault a vendor armed, except those listed, fired at least once there. */
    public void assertEveryArmedFaultFired(FaultKind... except) {
        Set<FaultKind> skipped = except.length == 0 ? EnumSet.noneOf(FaultKind.class) : EnumSet.of(except[0], except);
        vendors.forEach((vendor, faults) -> {
            EnumSet<FaultKind> armed = faults.armed();
            armed.removeAll(skipped);
            assertThat(armed).as("%s: faults armed", vendor).isNotEmpty();
            for (FaultKind kind : armed) {
                assertThat(faults.fired(kind)).as("%s: %s faults that fired (%s)", vendor, kind, render()).isPositive();
            }
        });
    }

    /** The count of a kind of fault that fired at a vendor, now. */
    public long fired(String vendor, FaultKind kind) {
        return vendors.get(vendor).fired(kind);
    }

    /** The report as text. */
    public String render() {
        StringBuilder out = new StringBuilder(name).append('\n');
        vendors.forEach((vendor, faults) -> {
            out.append("  ").append(vendor).append(" faults fired:");
            Map<FaultKind, Long> fired = faults.fired();
            for (FaultKind kind : faults.armed()) {
                out.append(' ').append(kind).append('=').append(fired.getOrDefault(kind, 0L));
            }
            out.append('\n');
        });
        for (Kill k : kills) {
            out.append("  kill ").append(k.life()).append(" at ").append(k.vendor()).append(", in flight: ")
                    .append(k.inFlight() == null ? "(none)" : k.inFlight().describe());
            if (k.note() != null) {
                out.append(" — ").append(k.note());
            }
            out.append('\n');
        }
        notes.forEach(n -> out.append("  ").append(n).append('\n'));
        return out.toString();
    }

    /** Logs the report and writes it to {@code target/chaos-reports/<name>.txt}; the path written. */
    public Path write() {
        String text = render();
        LoggerFactory.getLogger(ChaosReport.class).info("\n{}", text);
        Path file = Path.of("target", "chaos-reports", name + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
