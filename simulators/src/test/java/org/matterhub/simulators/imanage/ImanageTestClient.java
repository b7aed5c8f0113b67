package org.matterhub.simulators.imanage;

import com.fasterxml.jackson.core.type.TypeReference;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.Multipart;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain JDK HTTP client talking to the simulator as an iManage integration would; every response it receives is
 * checked against the iManage swagger ({@link ImanageSpec}). Test helper.
 */
final class ImanageTestClient {

    static final String CLIENT_ID = "matterhub-test";
    static final String CLIENT_SECRET = "test-secret";
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    final ImanageSimulator sim;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    String accessToken;
    String refreshToken;

    ImanageTestClient(ImanageSimulator sim) {
        this.sim = sim;
    }

    /** Registers the test app and runs the authorization-code flow. */
    ImanageTestClient authorize() throws Exception {
        sim.registerApp(CLIENT_ID, CLIENT_SECRET);
        HttpResponse<String> redirect = send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/auth/oauth2/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri="
                + enc(REDIRECT_URI) + "&state=s1")).GET());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        Map<String, Object> token = json(tokenRequest("grant_type=authorization_code&code=" + code
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET));
        accessToken = (String) token.get("access_token");
        refreshToken = (String) token.get("refresh_token");
        return this;
    }

    HttpResponse<String> tokenRequest(String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/auth/oauth2/token"))
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

    /** GET relative to the library URL (or absolute path when it starts with "/"). */
    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send(api(path, headers).GET());
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return ImanageSpec.check(http.send(api(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(api(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String path, String json) throws IOException, InterruptedException {
        return send(api(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Multipart upload with a JSON profile part and a file part. */
    HttpResponse<String> upload(String path, Map<String, Object> profile, String filename, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----matterhub" + System.nanoTime();
        List<Multipart.Part> parts = new ArrayList<>();
        parts.add(new Multipart.Part("profile", null, "application/json", Json.writeBytes(profile)));
        parts.add(Multipart.file("file", filename, "application/octet-stream", content));
        return send(api(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.encode(boundary, parts))));
    }

    /** Walks a sync crawl from {@code cursor} (null = full) with {@code limit}; returns rows and final cursor. */
    Crawl crawl(String what, int limit, String cursor) throws IOException, InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        int calls = 0;
        while (true) {
            String body = cursor == null ? "{\"limit\":" + limit + "}"
                    : "{\"limit\":" + limit + ",\"cursor\":\"" + cursor + "\"}";
            HttpResponse<String> r = post("sync/" + what, body);
            calls++;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            Map<String, Object> page = json(r);
            List<Map<String, Object>> data = list(page.get("data"));
            rows.addAll(data);
            cursor = (String) page.get("cursor");
            if (data.size() < limit) {
                return new Crawl(rows, cursor, calls);
            }
        }
    }

    record Crawl(List<Map<String, Object>> rows, String cursor, int calls) {
    }

    HttpRequest.Builder api(String path, String... headers) {
        String url = path.startsWith("/") ? sim.baseUrl() + path : sim.libraryUrl() + "/" + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", accessToken);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    /** Sends, then checks the response against the iManage swagger ({@link ImanageSpec}). */
    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return ImanageSpec.check(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Map<String, Object> json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readValue(r.body(), new TypeReference<>() { });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
