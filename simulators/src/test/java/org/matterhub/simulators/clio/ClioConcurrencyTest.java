package org.matterhub.simulators.clio;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.data;

class ClioConcurrencyTest {

    @Test
    void concurrentConditionalPatchesNeverLoseAnUpdate() throws Exception {
        try (ClioSimulator sim = ClioSimulator.start(ClioSimulatorOptions.defaults())) {
            sim.seedDemoFirm();
            long contact = sim.data().contactIds().get(3);
            ClioTestClient client = new ClioTestClient(sim).authorize();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            Set<String> etags = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = IntStream.range(0, 8).<Future<?>>mapToObj(t -> pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        HttpResponse<String> current = client.get("/contacts/" + contact + ".json?fields=etag");
                        String etag = (String) data(current).get("etag");
                        HttpResponse<String> r = client.patch("/contacts/" + contact + ".json",
                                "{\"data\":{\"title\":\"t" + t + "-" + i + "\"}}", "If-Match", etag);
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            etags.add((String) data(r).get("etag"));
                        } else {
                            assertThat(r.statusCode()).isEqualTo(412);
                            conflicts.incrementAndGet();
                        }
                        client.get("/matters.json?limit=50&fields=id,etag");
                    }
                    return null;
                })).toList();
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ok.get() + conflicts.get()).isEqualTo(120);
            assertThat(sim.data().contactPatchCount(contact)).isEqualTo(ok.get());
            assertThat(etags).hasSize(ok.get());
        }
    }
}
