package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;

/**
 * The hub's edges under attack, over real sockets: an endless chunked webhook is refused at its limit without the
 * server reading the rest, a flood from one address is limited while another address is served, the actuator is not
 * on the public port, demo tokens refuse forwarded requests and the demo issuer refuses to start outside the demo,
 * and uploads are held to their part count and to each person's daily allowance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeIT {

    static final long HUNDRED_MB = 100L << 20;
    static final long WEBHOOK_LIMIT = 2L << 20;
    /** Per source and minute: above what the demo's own start-up sends from 127.0.0.1 (its connect flows and the simulators' webhooks). */
    static final int PER_MINUTE = 40;
    static final long DAILY_BYTES = 200_000;
    static final String BOUNDARY = "edge-boundary-7d1f";
    static final String DANIEL = "daniel.okafor@northwind.example";

    TestHub hub;
    int port;
    UUID clio;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.edge.callback-requests-per-minute", Integer.toString(PER_MINUTE),
                "matterhub.uploads.daily-bytes-per-person", Long.toString(DAILY_BYTES)));
        port = URI.create(hub.baseUrl()).getPort();
        clio = (UUID) hub.query("select id from connection where vendor = 'clio' limit 1").get(0).get("id");
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    // ------------------------------------------------------------------ bodies

    @Test
    void aChunkedHundredMegabyteWebhookIsRefusedAtItsLimitWithoutTheRestBeingRead() throws Exception {
        AtomicLong pulled = new AtomicLong();
        try (Socket socket = socket("127.0.0.3")) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/clio/" + clio + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Hook-Signature: 00\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (pulled.get() < HUNDRED_MB) {
                        out.write(size);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        pulled.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheServer) {
                    // the server stopped reading and closed the connection
                }
            });
            String response = readResponse(socket.getInputStream());
            sender.get(60, TimeUnit.SECONDS);
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("\"title\":\"Body too large\"");
        }
        // The server read the limit and whatever the sockets' buffers held when it closed: nowhere near 100 MB.
        assertThat(pulled.get()).as("bytes the server let the client send").isLessThan(WEBHOOK_LIMIT + (16L << 20));
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedBeforeItIsSent() throws Exception {
        try (Socket socket = socket("127.0.0.3")) {
            socket.getOutputStream().write(("POST /webhooks/xero HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + HUNDRED_MB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aChunkedApiBodyOverItsLimitIsRefusedAndOneUnderItIsServed() throws Exception {
        String big = "{\"note\":\"" + "x".repeat(70_000) + "\"}";
        String small = "{}";
        for (String[] c : new String[][] {{big, "HTTP/1.1 413"}, {small, "HTTP/1.1 401"}}) {
            try (Socket socket = socket("127.0.0.3")) {
                byte[] body = c[0].getBytes(StandardCharsets.US_ASCII);
                OutputStream out = socket.getOutputStream();
                out.write(("PATCH /api/v1/me/contact HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponse(socket.getInputStream())).as(c[1]).startsWith(c[1]);
            }
        }
    }

    // ------------------------------------------------------------------ rates

    @Test
    void aFloodFromOneSourceIsLimitedWhileAnotherSourceIsServed() throws Exception {
        String callback = "GET /oauth/callback/clio?state=forged&code=x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(exchange("127.0.0.4", callback)).doesNotStartWith("HTTP/1.1 429");
        }
        String limited = exchange("127.0.0.4", callback);
        assertThat(limited).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:")
                .contains("application/problem+json");
        assertThat(exchange("127.0.0.4", "POST /webhooks/clio/" + clio + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")).startsWith("HTTP/1.1 429");
        assertThat(exchange("127.0.0.5", callback)).as("another source").doesNotStartWith("HTTP/1.1 429");
    }

    // ------------------------------------------------------------------ management

    @Test
    void theActuatorIsNotServedOnThePublicPort() {
        String admin = hub.token("jwhitaker@harbourlaw.example");
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/liveness"}) {
            var anonymous = hub.offContract("management paths are not part of the API", "GET", path, null, null, null, Map.of());
            assertThat(anonymous.statusCode()).as("anonymous " + path).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("matterhub_connection").doesNotContain("camelHealth");
            var signedIn = hub.offContract("management paths are not part of the API", "GET", path, admin, null, null, Map.of());
            assertThat(signedIn.statusCode()).as("firm admin " + path).isIn(401, 403);
            assertThat(signedIn.body()).doesNotContain("matterhub_connection");
        }
        // The management port (loopback) serves them; health shows statuses but no details to an anonymous caller.
        assertThat(hub.management("/actuator/prometheus").body()).contains("matterhub_connection_active{");
        String health = hub.management("/actuator/health").body();
        assertThat(health).contains("\"status\":\"UP\"").contains("camelHealth").doesNotContain("\"details\"");
    }

    // ------------------------------------------------------------------ demo issuer

    @Test
    void demoTokensAreRefusedToForwardedRequests() {
        String path = "/oidc/demo-token?email=" + DANIEL.replace("@", "%40");
        for (Map<String, String> forwarded : new Map[] {Map.of("X-Forwarded-For", "127.0.0.1"),
                Map.of("Forwarded", "for=127.0.0.1"), Map.of("X-Real-IP", "127.0.0.1")}) {
            var r = hub.raw("POST", path, null, null, null, forwarded);
            assertThat(r.statusCode()).as(forwarded.toString()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("access_token");
        }
        assertThat(hub.raw("POST", path, null, null, null, Map.of()).body()).contains("access_token");
    }

    @Test
    void theDemoIssuerRefusesToStartOutsideTheDemoProfile() {
        assertThatThrownBy(() -> TestHub.start(Map.of("spring.profiles.active", "production")).close())
                .satisfies(e -> assertThat(rootMessages(e))
                        .contains("matterhub.auth.embedded-issuer=true is for the demo on this machine only")
                        .contains("'demo' profile is not active"));
    }

    // ------------------------------------------------------------------ uploads

    @Test
    void anUploadWithMorePartsThanAllowedIsRefused() {
        UUID matter = documentsMatter();
        String body = part("title", "One") + part("comment", "Two") + filePart("a.txt", "hello\n") + part("comment", "Three")
                + "--" + BOUNDARY + "--\r\n";
        var r = upload(hub.token(DANIEL), matter, body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("at most 3 parts");
    }

    @Test
    void aPersonsDailyAllowanceBoundsTheirUploads() {
        UUID matter = documentsMatter();
        String daniel = hub.token(DANIEL);
        long before = hub.count("select count(*) from document where uploaded_by is not null");
        var first = upload(daniel, matter, filePart("first.txt", "a".repeat(150_000) + "\n") + "--" + BOUNDARY + "--\r\n");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        var second = upload(daniel, matter, filePart("second.txt", "b".repeat(100_000) + "\n") + "--" + BOUNDARY + "--\r\n");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(413);
        assertThat(second.body()).contains("daily upload allowance");
        assertThat(hub.count("select count(*) from document where uploaded_by is not null")).isEqualTo(before + 1);
        assertThat(hub.count("select coalesce(sum(bytes), 0) from upload_usage u join portal_user p on p.id = u.user_id "
                + "where p.email = ?", DANIEL)).isEqualTo(150_001);
    }

    // ------------------------------------------------------------------ helpers

    UUID documentsMatter() {
        return (UUID) hub.query("select g.matter_id from matter_grant g join portal_user u on u.id = g.user_id where u.email = ? "
                + "and 'documents' = any (g.scopes) and g.revoked_at is null order by g.matter_id limit 1", DANIEL)
                .get(0).get("matter_id");
    }

    static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    static String filePart(String fileName, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n";
    }

    java.net.http.HttpResponse<String> upload(String token, UUID matter, String body) {
        return hub.raw("POST", "/api/v1/matters/" + matter + "/documents", token, body,
                "multipart/form-data; boundary=" + BOUNDARY, Map.of());
    }

    Socket socket(String source) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(source), 0);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** One request from {@code source} on a connection of its own; the whole response. */
    String exchange(String source, String request) {
        try (Socket socket = socket(source)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line, headers and as much of the body as arrives before the server closes or goes quiet. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                got.write(buffer, 0, n);
                String text = got.toString(StandardCharsets.ISO_8859_1);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd > 0 && complete(text, headEnd)) {
                    break;
                }
            }
        } catch (IOException e) {
            if (got.size() == 0) {
                throw e;
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String text, int headEnd) {
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at >= 0) {
            int end = head.indexOf("\r\n", at);
            long length = Long.parseLong(head.substring(at + 15, end < 0 ? head.length() : end).strip());
            return text.length() - headEnd - 4 >= length;
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }

    private static String rootMessages(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getMessage()).append('\n');
        }
        return s.toString();
    }
}
