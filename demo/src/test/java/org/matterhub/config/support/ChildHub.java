package org.matterhub.config.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.matterhub.config.MatterhubApplication;

/**
 * The hub in a separate JVM against an external PostgreSQL, so a test can kill it with SIGKILL — no shutdown
 * hook, no graceful stop — and start it again on the same database.
 */
public final class ChildHub implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    /** The embedded issuer's {@code iss} in every child hub. */
    static final String ISSUER = "http://127.0.0.1/oidc/child-hubs";

    private final int port;
    private final int managementPort;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final OpenApiContract contract = OpenApiContract.load();

    public ChildHub(String jdbcUrl, String ownerUser, String appPassword, Map<String, String> properties, Path log) {
        this.port = TestHub.freePort();
        this.managementPort = TestHub.freePort();
        this.log = log;
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), MatterhubApplication.class.getName(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.flyway.user=" + ownerUser,
                "--spring.flyway.password=",
                "--matterhub.store.app-password=" + appPassword,
                "--matterhub.public-base-url=http://127.0.0.1:" + port,
                "--matterhub.security.loopback-vendor-urls=true",
                "--matterhub.auth.embedded-issuer=true",
                // One issuer for every life of every child hub, as a cluster has one identity provider: people are
                // bound to (iss, sub), and a hub that restarted on another port must still know them.
                "--matterhub.auth.issuer-uri=" + ISSUER,
                "--matterhub.auth.mfa-required-for=",
                "--logging.level.root=WARN",
                "--logging.level.org.matterhub=INFO"));
        // The embedded issuer runs only in the demo profile on a loopback-only server; the demo's own seeding stays off
        // and its quicker polls too, unless the test sets them (a property given twice would be joined with a comma).
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("spring.profiles.active", "demo",
                "server.address", "127.0.0.1", "matterhub.demo.enabled", "false",
                "matterhub.clio.poll-interval-ms", "30000", "matterhub.dms.poll-interval-ms", "30000"));
        all.putAll(properties);
        all.forEach((k, v) -> command.add("--" + k + "=" + v));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the JVM and waits for the actuator to answer UP. */
    public ChildHub start() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("hub on port " + port + " (log: " + log + ")").atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(200)).until(this::healthy);
        return this;
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The hub exited early; see " + log);
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the JVM gets no chance to finish anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A GET of a management endpoint ({@code /actuator/**}) on the hub's management port (not the API contract's). */
    public HttpResponse<String> management(String path) {
        if (!path.startsWith("/actuator/")) {
            throw new IllegalArgumentException(path + " is not a management endpoint");
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String token(String email) {
        return send("POST", "/oidc/demo-token?email=" + email.replace("@", "%40"), null, null)
                .body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    /** Sends a JSON request; request and response are validated against the OpenAPI contract. */
    public HttpResponse<String> send(String method, String path, String token, String json) {
        URI uri = URI.create(baseUrl() + path);
        String contentType = json == null ? null : "application/json";
        contract.assertRequest(method, uri.getPath(), uri.getRawQuery(), contentType, json);
        HttpResponse<String> response = unchecked(method, path, token, json);
        contract.assertResponse(method, uri.getPath(), uri.getRawQuery(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        return response;
    }

    private HttpResponse<String> unchecked(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Follows the authorize URL of a connect answer to the vendor, then its redirect back to this hub's callback,
     * with the flow's cookie as the admin's browser would send it.
     */
    public HttpResponse<String> completeAuthorization(HttpResponse<String> connectAnswer) {
        HttpClient noRedirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            String authorizeUrl = new com.fasterxml.jackson.databind.ObjectMapper().readTree(connectAnswer.body())
                    .get("authorizeUrl").asText();
            HttpResponse<Void> consent = noRedirect.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
                    HttpResponse.BodyHandlers.discarding());
            String callback = consent.headers().firstValue("Location").orElseThrow();
            HttpRequest.Builder back = HttpRequest.newBuilder(URI.create(callback));
            org.matterhub.demo.DemoConnect.flowCookie(connectAnswer.headers()).ifPresent(c -> back.header("Cookie", c));
            return noRedirect.send(back.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }


    public static File logFile(String name) {
        File dir = new File("target/child-hubs");
        dir.mkdirs();
        return new File(dir, name + ".log");
    }
}
