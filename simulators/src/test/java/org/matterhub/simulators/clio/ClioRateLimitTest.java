package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.json;

class ClioRateLimitTest {

    private ClioSimulator sim;
    private ClioTestClient client;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        client = new ClioTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void unlimitedStillSendsRateLimitHeaders() throws Exception {
        HttpResponse<String> r = client.get("/matters.json");
        long limit = Long.parseLong(r.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        long remaining = Long.parseLong(r.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        long reset = Long.parseLong(r.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(limit).isGreaterThanOrEqualTo(10_000);
        assertThat(remaining).isEqualTo(limit - 1);
        assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 61);
    }

    @Test
    void limitIsPerAccessTokenAndAnswers429WithRetryAfter() throws Exception {
        sim.setRateLimitPerMinute(3);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = client.get("/contacts.json");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(2 - i));
        }
        HttpResponse<String> limited = client.get("/contacts.json");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(ClioTestClient.map(json(limited).get("error"))).containsKeys("type", "message");

        ClioTestClient other = new ClioTestClient(sim).authorize();
        assertThat(other.get("/contacts.json").statusCode()).isEqualTo(200);

        sim.setRateLimitPerMinute(0);
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(200);
    }
}
