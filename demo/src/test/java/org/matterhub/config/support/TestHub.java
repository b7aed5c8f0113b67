package org.matterhub.config.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.matterhub.config.MatterhubApplication;
import org.matterhub.demo.DemoBootstrap;
import org.matterhub.demo.DemoDocuments;
import org.matterhub.simulators.imanage.ImanageSimulator;
import org.matterhub.simulators.netdocuments.NetDocumentsSimulator;
import org.matterhub.demo.DemoFirm;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole hub over real HTTP, as the demo runs it: embedded PostgreSQL (one per test JVM), the Clio
 * simulator seeded with the demo firm and connected through the OAuth flow, the embedded OIDC issuer.
 * Every request sent through {@link #call} and {@link #raw}, and every response to it, is validated against the
 * portal's OpenAPI document; {@link #offContract} is the named opt-out for deliberately off-contract requests.
 */
public final class TestHub implements AutoCloseable {

    public static final String CLIENT_ID = "matterhub-test";
    public static final String CLIENT_SECRET = "test-secret";
    /** The master key of test hubs (base64 AES-256); a test that needs another passes its own. */
    public static final String TEST_MASTER_KEY = "q83vEjRWeJ/JsXEhIjNEVWZ3iJmqu8zd7v8AESIzRFU=";

    private final ConfigurableApplicationContext context;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OpenApiContract contract = OpenApiContract.load();

    private TestHub(ConfigurableApplicationContext context, int port, int managementPort) {
        this.context = context;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static TestHub start(Map<String, String> overrides) {
        int port = freePort();
        int managementPort = freePort();
        Map<String, Object> props = new HashMap<>();
        // The embedded issuer runs only in the demo profile, on a loopback-only server.
        props.put("spring.profiles.active", "demo");
        props.put("server.address", "127.0.0.1");
        props.put("server.port", port);
        props.put("management.server.port", managementPort);
        // The demo profile keeps its database under .matterhub/; a test hub's lives in a temporary directory.
        props.put("matterhub.store.embedded-data-dir", "");
        props.put("matterhub.public-base-url", "http://127.0.0.1:" + port);
        props.put("matterhub.auth.embedded-issuer", "true");
        props.put("matterhub.auth.issuer-uri", "http://127.0.0.1:" + port + "/oidc");
        // As the demo: no second factor at the embedded issuer, so MFA (on by default for firm roles) is off.
        props.put("matterhub.auth.mfa-required-for", "");
        // Outside the demo profile the hub refuses to start without a master key.
        props.put("matterhub.store.master-key", TEST_MASTER_KEY);
        props.put("matterhub.clio.client-id", CLIENT_ID);
        props.put("matterhub.clio.client-secret", CLIENT_SECRET);
        props.put("matterhub.clio.poll-interval-ms", "1000");
        props.put("matterhub.clio.request-timeout", "3s");
        props.put("matterhub.engine.queue-poll-ms", "50");
        props.put("matterhub.demo.enabled", "true");
        // Tests read the demo's NetDocuments documents at once: the hub is ready only after their first backfill.
        props.put("matterhub.demo.dms-backfill-in-background", "false");
        // The demo runs each simulator at its vendor's published limit; the tests of other things run them as before
        // (Clio unlimited in effect, NetDocuments at 1,000 a minute) so that no hub spends a minute on its backfill.
        props.put("matterhub.demo.clio-requests-per-minute", "100000");
        props.put("matterhub.demo.netdocuments-requests-per-minute", "1000");
        props.put("matterhub.security.loopback-vendor-urls", "true");
        props.put("matterhub.demo.clio-simulator-port", "0");
        props.put("matterhub.demo.imanage-simulator-port", "0");
        props.put("matterhub.demo.netdocuments-simulator-port", "0");
        props.put("matterhub.demo.quickbooks-simulator-port", "0");
        props.put("matterhub.demo.xero-simulator-port", "0");
        // The demo's mail server stays off as in the tests before it: a test of e-mail brings its own GreenMail
        // (ConversationIT, ReplyByEmailIT, DigestIT) or turns the demo's on (DemoMailIT, on ports chosen free).
        props.put("matterhub.demo.mail-server", "false");
        props.put("matterhub.demo.smtp-port", "0");
        props.put("matterhub.demo.imap-port", "0");
        props.put("matterhub.billing.poll-interval-ms", "1000");
        props.put("matterhub.dms.imanage-client-id", CLIENT_ID);
        props.put("matterhub.dms.imanage-client-secret", CLIENT_SECRET);
        props.put("matterhub.dms.netdocuments-client-id", CLIENT_ID);
        props.put("matterhub.dms.netdocuments-client-secret", CLIENT_SECRET);
        props.put("matterhub.dms.poll-interval-ms", "1000");
        props.put("matterhub.store.pool-size", "8");
        // Each hub is its own Quartz cluster (its own database); two hubs in one JVM must not share a scheduler.
        props.put("spring.quartz.properties.org.quartz.scheduler.instanceName", "matterhub-" + port);
        props.putAll(overrides);
        // As command-line arguments: they outrank application.yml, as an operator's flags would.
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MatterhubApplication.class).run(args);
        return new TestHub(ctx, port, managementPort);
    }

    /** A hub client for a server already listening on {@code port}, with no hub of its own (tests of this harness). */
    static TestHub client(int port) {
        return new TestHub(null, port, -1);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management port's base URL (health, metrics), on loopback. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The demo's iManage Work simulator (NORTHWIND and BLUEBIRD matters). */
    public ImanageSimulator imanage() {
        return bean(DemoDocuments.class).imanage();
    }

    /** The demo's NetDocuments simulator (CEDARPINE matters). */
    public NetDocumentsSimulator netDocuments() {
        return bean(DemoDocuments.class).netDocuments();
    }

    /** The demo firm's connection to {@code vendor} ({@code imanage}, {@code netdocuments}). */
    public UUID connectionId(String vendor) {
        UUID id = bean(DemoBootstrap.class).dmsConnections().get(vendor);
        if (id == null) {
            throw new IllegalStateException("The demo has no " + vendor + " connection");
        }
        return id;
    }

    /** The demo's accounting simulators (QuickBooks bills Northwind, Xero bills Bluebird). */
    public org.matterhub.demo.DemoBilling billing() {
        return bean(org.matterhub.demo.DemoBilling.class);
    }

    /** The demo firm's accounting connection to {@code vendor} ({@code quickbooks}, {@code xero}). */
    public UUID billingConnectionId(String vendor) {
        UUID id = bean(DemoBootstrap.class).billingConnections().get(vendor);
        if (id == null) {
            throw new IllegalStateException("The demo has no " + vendor + " connection");
        }
        return id;
    }

    public ClioSimulator clio() {
        return bean(DemoBootstrap.class).clioSimulator();
    }

    public UUID firmId() {
        return DemoFirm.FIRM_ID;
    }

    public String token(String email) {
        return bean(EmbeddedIssuer.class).mint(email, Duration.ofHours(1), Map.of());
    }

    /** Runs SQL as the sync engine of the demo firm (row-level security still applies). */
    public <T> T asSystem(Supplier<T> work) {
        return bean(Tenancy.class).read(TenantScope.system(firmId()), work);
    }

    public JdbcTemplate jdbc() {
        return bean(JdbcTemplate.class);
    }

    public List<Map<String, Object>> query(String sql, Object... args) {
        return asSystem(() -> jdbc().queryForList(sql, args));
    }

    public long count(String sql, Object... args) {
        return asSystem(() -> jdbc().queryForObject(sql, Long.class, args));
    }

    public HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    /** Sends a request; request and response are validated against the OpenAPI contract. */
    public HttpResponse<String> call(String method, String path, String token, String body, String contentType) {
        return raw(method, path, token, body, contentType, Map.of());
    }

    /**
     * Sends a request with extra headers (webhook signatures, Range, Accept); the request (path, method, parameters,
     * headers, media type, body) and the response are validated against the OpenAPI contract.
     */
    public HttpResponse<String> raw(String method, String path, String token, String body, String contentType,
                                    Map<String, String> headers) {
        URI uri = URI.create(baseUrl() + path);
        contract.assertRequest(method, uri.getPath(), uri.getRawQuery(), contentType, body, headers);
        return checked(method, uri, send(method, path, token, body, contentType, headers));
    }

    /**
     * The one opt-out of request validation, for tests that send deliberately off-contract requests (hostile input:
     * malformed JSON, wrong media types, unknown fields, forged signatures): the request is sent as given, and the
     * response is still validated wherever the contract documents the operation.
     *
     * @param why what is off-contract about the request, so a reader sees the opt-out was meant
     */
    public HttpResponse<String> offContract(String why, String method, String path, String token, String body,
                                            String contentType, Map<String, String> headers) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("Say why the request is off-contract");
        }
        URI uri = URI.create(baseUrl() + path);
        HttpResponse<String> response = send(method, path, token, body, contentType, headers);
        return contract.documents(method, uri.getPath()) ? checked(method, uri, response) : response;
    }

    /**
     * An anonymous GET of a management endpoint ({@code /actuator/**}) on the management port: not part of the API
     * contract, and not served on the API's port.
     */
    public HttpResponse<String> management(String path) {
        if (!path.startsWith("/actuator/")) {
            throw new IllegalArgumentException(path + " is not a management endpoint; use call or raw");
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + path)).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> checked(String method, URI uri, HttpResponse<String> response) {
        contract.assertResponse(method, uri.getPath(), uri.getRawQuery(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        return response;
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String contentType,
                                      Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    /**
     * A port for a hub to bind a moment later. Chosen below the kernel's ephemeral range (32768–60999 on Linux):
     * a port the kernel handed out with {@code bind(0)} is free again once released, and the same kernel may hand it
     * to the next socket bound to port 0 (the simulators, the object store, outgoing connections) before the hub
     * binds it. Ports below the range are never handed out that way.
     */
    static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port)) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // in use; try another
            }
        }
        throw new UncheckedIOException(new IOException("No free port found in 20000-31999"));
    }
}
