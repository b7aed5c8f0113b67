package org.matterhub.simulators.clio;

import com.fasterxml.jackson.core.type.TypeReference;
import org.matterhub.simulators.common.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Plain JDK HTTP client that talks to the simulator the way a Clio integration would: OAuth
 * authorization-code flow, then bearer calls. Every API answer is checked against Clio's OpenAPI document
 * ({@link #send}). Test helper, not a test.
 */
final class ClioTestClient {

    static final String CLIENT_ID = "matterhub-test";
    static final String CLIENT_SECRET = "test-secret";
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    final ClioSimulator sim;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            // Generous: a loopback connect never needs long, but a shared, loaded build machine can stall for seconds.
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    String accessToken;
    String refreshToken;
    /** Why the exchange under way is deliberately outside Clio's document (a garbled body), or null. */
    private String offContract;

    ClioTestClient(ClioSimulator sim) {
        this.sim = sim;
    }

    /** Registers the test app and runs the authorization-code flow. */
    ClioTestClient authorize() throws Exception {
        sim.registerApp(CLIENT_ID, CLIENT_SECRET);
        HttpResponse<String> redirect = send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri="
                + enc(REDIRECT_URI) + "&state=xyz")).GET());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        Map<String, Object> token = json(tokenRequest("grant_type=authorization_code&code=" + code
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&client_id=" + CLIENT_ID
                + "&client_secret=" + CLIENT_SECRET));
        accessToken = (String) token.get("access_token");
        refreshToken = (String) token.get("refresh_token");
        return this;
    }

    HttpResponse<String> tokenRequest(String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> refresh() throws IOException, InterruptedException {
        HttpResponse<String> r = tokenRequest("grant_type=refresh_token&refresh_token=" + refreshToken
                + "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET);
        if (r.statusCode() == 200) {
            accessToken = (String) json(r).get("access_token");
        }
        return r;
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send(api(pathAndQuery, headers).GET());
    }

    HttpResponse<String> getUrl(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken).GET());
    }

    HttpResponse<String> patch(String pathAndQuery, String body, String... headers)
            throws IOException, InterruptedException {
        return send(api(pathAndQuery, headers).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> post(String pathAndQuery, String body, String... headers)
            throws IOException, InterruptedException {
        return send(api(pathAndQuery, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> put(String pathAndQuery, String body, String... headers)
            throws IOException, InterruptedException {
        return send(api(pathAndQuery, headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String pathAndQuery) throws IOException, InterruptedException {
        return send(api(pathAndQuery).DELETE());
    }

    HttpRequest.Builder api(String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v4" + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (accessToken != null) {
            b.header("Authorization", "Bearer " + accessToken);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    /**
     * Sends the request; an {@code /api/v4} answer must conform to Clio's OpenAPI document ({@link ClioSpec}), whatever
     * its status, or the calling test fails.
     */
    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpRequest request = b.build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String path = request.uri().getRawPath();
        if (path.startsWith("/api/v4/") && offContract == null) {
            List<String> problems = ClioSpec.get().responseProblems(request.method(), path, response);
            if (!problems.isEmpty()) {
                throw new AssertionError(request.method() + " " + request.uri() + " -> " + response.statusCode() + " "
                        + response.body() + " is not what Clio's OpenAPI document allows: " + problems);
            }
        }
        return response;
    }

    /** Sends what {@code call} sends without checking the answers against the document, saying why. */
    <T> T offContract(String why, Exchange<T> call) throws IOException, InterruptedException {
        offContract = java.util.Objects.requireNonNull(why);
        try {
            return call.run();
        } finally {
            offContract = null;
        }
    }

    /** One or more calls through this client. */
    interface Exchange<T> {
        T run() throws IOException, InterruptedException;
    }

    static Map<String, Object> json(HttpResponse<String> r) {
        try {
            return Json.parseObject(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(HttpResponse<String> r) {
        return (Map<String, Object>) json(r).get("data");
    }

    static List<Map<String, Object>> dataList(HttpResponse<String> r) {
        return Json.mapper().convertValue(json(r).get("data"), new TypeReference<List<Map<String, Object>>>() { });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
