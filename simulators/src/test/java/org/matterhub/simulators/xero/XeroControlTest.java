package org.matterhub.simulators.xero;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code /_control} API over HTTP: seed, token issue/expiry, faults, rate limits, counts. */
class XeroControlTest {

    private XeroSimulator sim;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> control(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_control" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> invoices(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.accountingBasePath() + "/Invoices"))
                .header("Authorization", "Bearer " + token).header("xero-tenant-id", sim.tenantId().toString())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void seedsIssuesTokensInjectsFaultsAndCounts() throws Exception {
        assertThat(control("POST", "/seed", null).statusCode()).isEqualTo(200);
        Map<?, ?> counts = (Map<?, ?>) Json.parse(control("GET", "/counts", null).body());
        assertThat(counts.get("contacts")).isEqualTo(3);
        assertThat(counts.get("invoices")).isEqualTo(5);
        assertThat(counts.get("payments")).isEqualTo(2);

        assertThat(control("POST", "/seed/invoices", "{\"count\":50}").statusCode()).isEqualTo(200);
        assertThat(((Map<?, ?>) Json.parse(control("GET", "/counts", null).body())).get("invoices")).isEqualTo(55);

        control("POST", "/apps", "{\"clientId\":\"hub\",\"clientSecret\":\"pw\"}");
        String token = (String) ((Map<?, ?>) Json.parse(control("POST", "/tokens/issue", "{\"clientId\":\"hub\"}").body()))
                .get("access_token");
        assertThat(invoices(token).statusCode()).isEqualTo(200);

        control("POST", "/faults", "{\"kind\":\"SERVER_ERROR\",\"method\":\"GET\",\"pathRegex\":\"/Invoices$\",\"status\":503,\"times\":1}");
        assertThat(invoices(token).statusCode()).isEqualTo(503);
        assertThat(invoices(token).statusCode()).isEqualTo(200);

        control("POST", "/rate-limit", "{\"perMinute\":1}");
        assertThat(invoices(token).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = invoices(token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("X-Rate-Limit-Problem")).hasValue("minute");
        control("POST", "/rate-limit", "{\"perMinute\":0}");

        control("POST", "/tokens/expire", null);
        assertThat(invoices(token).statusCode()).isEqualTo(401);
        assertThat(sim.requests()).isNotEmpty();
        assertThat(control("DELETE", "/requests", null).statusCode()).isEqualTo(204);
        assertThat(sim.requests()).isEmpty();
    }
}
