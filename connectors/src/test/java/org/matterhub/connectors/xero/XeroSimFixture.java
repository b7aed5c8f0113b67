package org.matterhub.connectors.xero;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.matterhub.connectors.kernel.FakeTime;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.simulators.common.RecordedRequest;
import org.matterhub.simulators.xero.XeroDemoSeed;
import org.matterhub.simulators.xero.XeroSimulator;
import org.matterhub.simulators.xero.XeroSimulatorOptions;

/**
 * A started {@link XeroSimulator} with the hub's app registered and the demo organisation seeded, plus the
 * connector's properties, OAuth client and a grant obtained through the real authorization-code flow.
 */
final class XeroSimFixture implements AutoCloseable {

    static final String CLIENT_ID = "matterhub-test";
    static final String CLIENT_SECRET = "app-secret-never-logged";
    static final String REDIRECT_URI = "https://hub.example/oauth/xero/callback";

    final XeroSimulator sim;
    final XeroDemoSeed seed;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final TimeSource time;
    XeroProperties properties;

    /** On the wall clock. */
    XeroSimFixture(XeroSimulatorOptions options) {
        this(options, TimeSource.system());
    }

    /** Simulator and connector on {@code time}; a {@link FakeTime} lets limits pass without waiting. */
    XeroSimFixture(XeroSimulatorOptions options, TimeSource time) {
        this.time = time;
        this.sim = XeroSimulator.start(options, time.asClock());
        sim.registerApp(CLIENT_ID, CLIENT_SECRET);
        this.seed = sim.seedDemoOrganisation();
        this.properties = XeroProperties.of(URI.create(sim.baseUrl()), URI.create(sim.accountingBasePath()),
                CLIENT_ID, CLIENT_SECRET).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMinutes(10));
    }

    UUID tenantId() {
        return sim.tenantId();
    }

    XeroOAuthClient oauth() {
        return new XeroOAuthClient(properties, http, time.asClock());
    }

    /** Browser step of the authorization-code flow: follows the authorize URL, returns the redirect's query. */
    String authorize(String state) throws Exception {
        URI authorize = oauth().authorizeUrl(REDIRECT_URI, state);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("authorize answered " + r.statusCode() + ": " + r.body());
        }
        String location = r.headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(REDIRECT_URI)) {
            throw new IllegalStateException("redirected elsewhere: " + location);
        }
        return URI.create(location).getQuery();
    }

    /** The full code flow: authorize, then exchange the code. */
    OAuthTokenSet grant() throws Exception {
        String query = authorize("state-" + UUID.randomUUID());
        String code = query.replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        return oauth().exchangeCode(code, REDIRECT_URI);
    }

    RecordingXeroTokenStore store(OAuthTokenSet tokens) {
        return new RecordingXeroTokenStore(tokens, this::requestsWithToken);
    }

    XeroClient client(RecordingXeroTokenStore store) {
        return new XeroClient(properties, tenantId(), store, null, http, time);
    }

    int requestsWithToken(String accessToken) {
        return (int) sim.requests().stream().filter(r -> ("Bearer " + accessToken).equals(r.header("Authorization")))
                .count();
    }

    long count(String method, String pathSuffix, int status) {
        return sim.requests().stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)
                && r.status() == status).count();
    }

    long accountingRequests() {
        return sim.requests().stream().map(RecordedRequest::path).filter(p -> p.startsWith(XeroSimulator.ACCOUNTING_PREFIX))
                .count();
    }

    @Override
    public void close() {
        sim.close();
    }

    static FakeTime fakeTime() {
        return new FakeTime(Instant.now());
    }
}
