package org.matterhub.simulators.netdocuments;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Plain JDK HTTP client talking to the simulator as a NetDocuments integration would; every response it receives is
 * checked against the NetDocuments swagger ({@link NetDocumentsSpec}). Test helper.
 */
final class NetDocumentsTestClient {

    static final String CLIENT_ID = "AP-MATTERHB";
    static final String CLIENT_SECRET = "test-secret";
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    final NetDocumentsSimulator sim;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    String accessToken;
    String refreshToken;

    NetDocumentsTestClient(NetDocumentsSimulator sim) {
        this.sim = sim;
    }

    /** Registers the app and runs authorize + code exchange (client authenticated with HTTP Basic). */
    NetDocumentsTestClient authorize() throws Exception {
        sim.registerApp(CLIENT_ID, CLIENT_SECRET);
        HttpResponse<String> redirect = send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/neWeb2/OAuth.aspx?client_id=" + CLIENT_ID + "&response_type=code&redirect_uri="
                + enc(REDIRECT_URI) + "&scope=" + enc("read edit organize lookup") + "&state=s1")).GET());
        String code = redirect.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
        Map<String, Object> token = json(tokenRequest("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + enc(REDIRECT_URI), true));
        accessToken = (String) token.get("access_token");
        refreshToken = (String) token.get("refresh_token");
        return this;
    }

    HttpResponse<String> tokenRequest(String form, boolean basic) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/OAuth"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (basic) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        } else {
            form += "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET;
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> refresh() throws IOException, InterruptedException {
        HttpResponse<String> r = tokenRequest("grant_type=refresh_token&refresh_token=" + refreshToken, false);
        if (r.statusCode() == 200) {
            accessToken = (String) json(r).get("access_token");
        }
        return r;
    }

    HttpRequest.Builder api(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send(api(path, headers).GET());
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return NetDocumentsSpec.check(http.send(api(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return send(api(path, "Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> putBytes(String path, byte[] body) throws IOException, InterruptedException {
        return send(api(path, "Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return send(api(path, "Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> postMultipart(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String boundary = "----nd" + System.nanoTime();
        List<Multipart.Part> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(Multipart.field(k, v)));
        return send(api(path, "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.encode(boundary, parts))));
    }

    HttpResponse<String> upload(String destination, String filename, byte[] content, String profileJson)
            throws IOException, InterruptedException {
        String boundary = "----nd" + System.nanoTime();
        List<Multipart.Part> parts = new ArrayList<>();
        parts.add(Multipart.field("destination", destination));
        parts.add(Multipart.file("file", filename, "application/octet-stream", content));
        if (profileJson != null) {
            parts.add(Multipart.field("profile", profileJson));
        }
        parts.add(Multipart.field("partialProfiling", "true"));
        return send(api("/v1/Document/upload", "Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.encode(boundary, parts))));
    }

    /** Sends, then checks the response against the NetDocuments swagger ({@link NetDocumentsSpec}). */
    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return NetDocumentsSpec.check(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Map<String, Object> json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readValue(r.body(), new TypeReference<>() { });
    }

    static List<Map<String, Object>> jsonList(HttpResponse<String> r) throws IOException {
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
