package org.matterhub.simulators.xero;

import com.xero.api.ApiClient;
import com.xero.api.XeroRateLimitException;
import com.xero.api.client.AccountingApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.FaultKind;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Xero's limits and their headers (VENDORS.md §5.6): every accounting answer carries
 * {@code X-MinLimit-Remaining}, {@code X-DayLimit-Remaining}, {@code X-AppMinLimit-Remaining}; a breach is
 * 429 with {@code Retry-After} and {@code X-Rate-Limit-Problem}. Limits are shrunk so tests stay fast.
 */
class XeroRateLimitTest {

    private XeroSimulator sim;
    private String token;
    private final java.util.List<XeroSimulator.Answered> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults().withLimits(3, 100, 5, 1000));
        sim.registerApp("matterhub", "s3cret");
        sim.seedDemoOrganisation();
        token = sim.issueAccessToken("matterhub");
        sim.onAnswer(answers::add);
    }

    @AfterEach
    void stop() {
        sim.close();
        // every JSON answer of this test (429s included) against Xero's documents, with the evidence for the statuses
        // they do not declare (XeroSpec)
        assertThat(answers).isNotEmpty();
        assertThat(answers.stream().flatMap(a -> XeroSpec.get().problems(a).stream()).toList()).isEmpty();
    }

    private HttpResponse<String> getContacts() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.accountingBasePath() + "/Contacts"))
                .header("Authorization", "Bearer " + token).header("xero-tenant-id", sim.tenantId().toString())
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswerCarriesTheRemainingCountsAndTheMinuteLimitAnswers429() throws Exception {
        for (int expected = 2; expected >= 0; expected--) {
            HttpResponse<String> r = getContacts();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-MinLimit-Remaining")).hasValue(Integer.toString(expected));
            assertThat(r.headers().firstValue("X-DayLimit-Remaining")).hasValue(Integer.toString(97 + expected));
            assertThat(r.headers().firstValue("X-AppMinLimit-Remaining")).hasValue(Integer.toString(997 + expected));
        }
        HttpResponse<String> limited = getContacts();
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("X-Rate-Limit-Problem")).hasValue("minute");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(limited.headers().firstValue("X-MinLimit-Remaining")).hasValue("0");
        assertThat(limited.body()).contains("\"Status\":429");
    }

    @Test
    void theSdkSurfacesTheLimitAsItsRateLimitException() {
        AccountingApi api = new AccountingApi(new ApiClient(sim.accountingBasePath(), null, null, null, null));
        String tenant = sim.tenantId().toString();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 4; i++) {
                api.getContacts(token, tenant, null, null, null, null, null, null, null, null);
            }
        }).isInstanceOf(XeroRateLimitException.class)
                .satisfies(e -> {
                    XeroRateLimitException x = (XeroRateLimitException) e;
                    assertThat(x.getStatusCode()).isEqualTo(429);
                    assertThat(x.getMinuteLimitRemaining()).isEqualTo(0);
                    assertThat(x.getRetryAfterSeconds()).isPositive();
                });
    }

    @Test
    void theDailyLimitNamesTheDay() throws Exception {
        sim.setRateLimits(0, 2, 0, 0);
        assertThat(getContacts().statusCode()).isEqualTo(200);
        assertThat(getContacts().statusCode()).isEqualTo(200);
        HttpResponse<String> r = getContacts();
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("X-Rate-Limit-Problem")).hasValue("day");
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60L);
    }

    @Test
    void moreCallsInFlightThanAllowedAnswer429Concurrent() throws Exception {
        sim.setRateLimits(0, 0, 1, 0);
        sim.faults().add(FaultRule.builder(FaultKind.LATENCY).method("GET").pathRegex("/Contacts$").times(1)
                .latencyMillis(700).build());
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return getContacts();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> sim.requestsInProgress().stream().anyMatch(q -> q.path().endsWith("/Contacts")));
        HttpResponse<String> second = getContacts();
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("X-Rate-Limit-Problem")).hasValue("concurrent");
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(getContacts().statusCode()).isEqualTo(200);   // slot released
    }

    @Test
    void rejectedCallsAreNotCounted() throws Exception {
        sim.setRateLimits(1, 0, 0, 0);
        assertThat(getContacts().statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(getContacts().statusCode()).isEqualTo(429);
        }
        assertThat(sim.requests()).filteredOn(r -> r.status() == 429).hasSize(3);
    }
}
