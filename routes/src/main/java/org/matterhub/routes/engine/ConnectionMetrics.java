package org.matterhub.routes.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.sync.DeadLetterRepository;
import org.matterhub.store.sync.InboxRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * Per-connection Prometheus series (tags: vendor, connection): queue depths, open dead letters, errors,
 * seconds since the last good sync, rate-limit headroom. Refreshed by the engine-metrics route.
 */
@Component
public class ConnectionMetrics {

    /** One connection's figures at refresh time. */
    record Row(ConnectionRecord connection, long outbox, long inbox, long deadLetters) {
    }

    private final WorkQueue queue;
    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final OutboxRepository outbox;
    private final InboxRepository inbox;
    private final DeadLetterRepository deadLetters;
    private final Map<String, MultiGauge> gauges;

    public ConnectionMetrics(WorkQueue queue, Tenancy tenancy, ConnectionRepository connections, OutboxRepository outbox,
                             InboxRepository inbox, DeadLetterRepository deadLetters, MeterRegistry registry) {
        this.queue = queue;
        this.tenancy = tenancy;
        this.connections = connections;
        this.outbox = outbox;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.gauges = Map.of(
                "outbox", MultiGauge.builder("matterhub.connection.outbox.depth").register(registry),
                "inbox", MultiGauge.builder("matterhub.connection.inbox.depth").register(registry),
                "dead", MultiGauge.builder("matterhub.connection.dead.letters").register(registry),
                "errors", MultiGauge.builder("matterhub.connection.errors").register(registry),
                "age", MultiGauge.builder("matterhub.connection.last.success.age").baseUnit("seconds").register(registry),
                "active", MultiGauge.builder("matterhub.connection.active").register(registry),
                "headroom", MultiGauge.builder("matterhub.connection.rate.limit.remaining").register(registry));
    }

    public void refresh() {
        List<Row> rows = new ArrayList<>();
        for (String vendor : List.of("clio")) {
            for (WorkQueue.ConnectionHandle h : queue.connections(vendor)) {
                tenancy.read(TenantScope.system(h.firmId()), () -> connections.find(h.connectionId())).ifPresent(c ->
                        rows.add(tenancy.read(TenantScope.system(h.firmId()), () -> new Row(c, outbox.depth(c.id()),
                                inbox.depth(c.id()), deadLetters.openCount(c.id())))));
            }
        }
        Instant now = Instant.now();
        register("outbox", rows, Row::outbox);
        register("inbox", rows, Row::inbox);
        register("dead", rows, Row::deadLetters);
        register("errors", rows, r -> r.connection().errorCount());
        register("active", rows, r -> "active".equals(r.connection().status()) ? 1 : 0);
        register("age", rows, r -> r.connection().lastSuccessAt() == null ? -1
                : Duration.between(r.connection().lastSuccessAt(), now).toSeconds());
        register("headroom", rows, r -> r.connection().rateLimitRemaining() == null ? -1 : r.connection().rateLimitRemaining());
    }

    private void register(String gauge, List<Row> rows, Function<Row, Number> value) {
        gauges.get(gauge).register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("vendor", r.connection().vendor(),
                "connection", r.connection().id().toString()), value.apply(r))).toList(), true);
    }
}
