package org.matterhub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.security.EmbeddedIssuer;

/**
 * A firm admin's OAuth connect flow, over HTTP, as the demo (and the benchmarks) run it against a simulator: ask the
 * hub to connect ({@code POST /api/v1/admin/connections/{vendor}}), follow the vendor's authorize redirect (the
 * simulators consent at once), and land on the hub's callback.
 */
public final class DemoConnect {

    /** The demo's firm admin. */
    public static final String FIRM_ADMIN = "jwhitaker@harbourlaw.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoConnect() {
    }

    /** Connects {@code vendor} with the given request body; returns the connection's id. */
    public static UUID connect(HttpClient http, EmbeddedIssuer issuer, String hubBase, String vendor, Map<String, Object> body)
            throws Exception {
        String adminToken = issuer.mint(FIRM_ADMIN, Duration.ofMinutes(5), Map.of());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(hubBase + "/api/v1/admin/connections/" + vendor))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Connect request for " + vendor + " failed: " + created.statusCode() + " "
                    + created.body());
        }
        JsonNode answer = JSON.readTree(created.body());
        HttpResponse<Void> consent = http.send(HttpRequest.newBuilder(URI.create(answer.get("authorizeUrl").asText())).GET()
                .build(), HttpResponse.BodyHandlers.discarding());
        String callback = consent.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException(vendor + "'s authorize step did not redirect (" + consent.statusCode() + ")"));
        // the flow's cookie goes back to the callback, as the admin's browser sends it
        HttpRequest.Builder back = HttpRequest.newBuilder(URI.create(callback)).GET();
        flowCookie(created.headers()).ifPresent(c -> back.header("Cookie", c));
        HttpResponse<String> done = http.send(back.build(), HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 200) {
            throw new IllegalStateException(vendor + " OAuth callback failed: " + done.statusCode() + " " + done.body());
        }
        return UUID.fromString(answer.get("connectionId").asText());
    }

    /**
     * The {@code Cookie} header a browser would send back to the hub's callback: the name=value pairs of the connect
     * answer's {@code Set-Cookie} headers (the flow's binding cookie). Java's cookie manager would not send a
     * {@code Secure} cookie over the demo's plain HTTP, so the demo does it by hand.
     */
    public static java.util.Optional<String> flowCookie(java.net.http.HttpHeaders connectAnswer) {
        String pairs = connectAnswer.allValues("Set-Cookie").stream().map(v -> v.split(";", 2)[0].strip())
                .filter(p -> p.contains("=") && !p.endsWith("=")).collect(java.util.stream.Collectors.joining("; "));
        return pairs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pairs);
    }

    /** An HTTP client that does not follow redirects (the flow reads them). */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
