package org.matterhub.simulators.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every simulator shares: the clock, the fault injector, the request log, the {@code /_control} API and the
 * HTTP server. A vendor simulator creates a kit, adds its control routes, then {@link #start starts} it with its
 * API handler; requests under {@link ControlApi#PREFIX} go to the control API and are not recorded.
 *
 * <pre>{@code
 * kit = new SimulatorKit("clio-sim", clock);
 * kit.control().standard(this);
 * kit.start(options.port(), this::handle);
 * }</pre>
 */
public final class SimulatorKit implements AutoCloseable {

    private final String name;
    private final MonotonicClock clock;
    private final FaultInjector faults = new FaultInjector();
    private final RequestHolds holds = new RequestHolds();
    private final RequestRecorder recorder = new RequestRecorder();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ControlApi control;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SimHttpServer server;

    public SimulatorKit(String name, MonotonicClock clock) {
        this.name = name;
        this.clock = clock;
        this.control = new ControlApi(this);
    }

    /** Starts the HTTP server; closes the resources registered so far if it cannot bind. */
    public void start(int port, SimHttpServer.Handler api) {
        try {
            this.server = SimHttpServer.start(port, name, ex -> {
                if (ControlApi.owns(ex.path())) {
                    control.handle(ex);
                } else {
                    api.handle(ex);
                }
            }, recorder, path -> !path.startsWith(ControlApi.PREFIX), clock);
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    /** Closed with the simulator (after the server), e.g. a webhook sender. */
    public <T extends AutoCloseable> T closeWith(T resource) {
        resources.add(resource);
        return resource;
    }

    public MonotonicClock clock() {
        return clock;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Latches that hold a request of a kind until released (for kills with that request in flight). */
    public RequestHolds holds() {
        return holds;
    }

    public ControlApi control() {
        return control;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Requests received outside {@code /_control}, oldest first. */
    public List<RecordedRequest> requests() {
        return recorder.all();
    }

    /** The requests arrived and not yet answered (a test waits on these instead of sleeping). */
    public List<RequestRecorder.InProgress> requestsInProgress() {
        return recorder.inProgress();
    }

    public void clearRequests() {
        recorder.clear();
    }

    /**
     * Applies the armed {@link RequestHolds} and the matching fault rules to one request.
     *
     * @param hold how long a TIMEOUT fault holds the request before dropping it
     * @return false when the request has been answered (or dropped) by a fault
     */
    public boolean applyFaults(SimExchange ex, FaultAnswers answers, Duration hold) throws InterruptedException {
        holds.arrived(ex, closing);
        FaultInjector.Decision decision = faults.decide(ex.method(), ex.path());
        if (decision.latencyMillis() > 0 && closing.await(decision.latencyMillis(), TimeUnit.MILLISECONDS)) {
            ex.drop();
            return false;
        }
        Optional<FaultRule> fault = decision.fault();
        if (fault.isEmpty()) {
            return true;
        }
        FaultRule rule = fault.get();
        switch (rule.kind()) {
            case SERVER_ERROR -> {
                answers.serverError(ex, rule.effectiveStatus());
                return false;
            }
            case TIMEOUT -> {
                answers.beforeHold(ex);
                ex.recordNow();
                closing.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                ex.drop();
                return false;
            }
            case RATE_LIMITED -> {
                ex.responseHeader("Retry-After", Integer.toString(rule.effectiveRetryAfterSeconds()));
                answers.rateLimited(ex, rule.effectiveRetryAfterSeconds());
                return false;
            }
            case MALFORMED_BODY -> ex.malformOnSend();
            case LOST_RESPONSE -> ex.dropOnSend();
            default -> {
                // LATENCY is applied above
            }
        }
        return true;
    }

    /** Stops the server (releasing requests held by TIMEOUT faults), then the registered resources. */
    @Override
    public void close() {
        closing.countDown();
        holds.releaseAll();
        if (server != null) {
            server.close();
        }
        closeResources();
    }

    private void closeResources() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException(name + ": cannot close " + r, e);
            }
        }
    }
}
