package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matterhub.config.support.TestHub;
import org.matterhub.demo.DemoConnect;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * The attacks on a connect flow, each refused by the running hub (issue 11, findings 1 and 3): a consent link
 * completed in another browser or by another firm's vendor account, an expired or replayed state, and vendor URLs
 * that would send the hub's client secret somewhere else, at connect time and through a settings change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectFlowSecurityIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "jwhitaker@harbourlaw.example";
    final HttpClient noRedirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    TestHub hub;
    ClioSimulator clio;
    UUID connection;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
        clio = hub.clio();
        connection = (UUID) hub.query("select id from connection where vendor = 'clio'").get(0).get("id");
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    /** The firm admin (re)starts the Clio connect flow: the hub's answer. */
    HttpResponse<String> startClio() {
        var started = hub.call("POST", "/api/v1/admin/connections/clio", hub.token(ADMIN),
                "{\"displayName\":\"Clio (simulator)\",\"baseUrl\":\"" + clio.baseUrl() + "\"}", "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return started;
    }

    /** Follows the authorize URL to Clio, which consents and redirects: the hub's callback URL. */
    String consent(HttpResponse<String> started) throws Exception {
        String authorize = JSON.readTree(started.body()).get("authorizeUrl").asText();
        return noRedirect.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> callback(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return noRedirect.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFlowCookieIsHttpOnlySecureLaxAndTheAuthorizeUrlCarriesAPkceChallenge() throws Exception {
        var started = startClio();
        String setCookie = started.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("mh_oauth_")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/oauth/callback/", "Max-Age=600");
        String authorize = JSON.readTree(started.body()).get("authorizeUrl").asText();
        assertThat(authorize).contains("code_challenge=").contains("code_challenge_method=S256");
        var done = callback(consent(started), DemoConnect.flowCookie(started.headers()).orElseThrow());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.headers().allValues("Set-Cookie")).anyMatch(c -> c.contains("Max-Age=0"));
    }

    @Test
    void aConsentLinkCompletedInAnotherBrowserIsRefused() throws Exception {
        var started = startClio();
        String callback = consent(started);
        // firm B's Clio admin completes firm A's link: B's browser has no cookie of A's flow
        var foreign = callback(callback, null);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("another browser session");
        var forged = callback(callback, DemoConnect.flowCookie(started.headers()).orElseThrow().replaceAll("=.*", "=forged"));
        assertThat(forged.statusCode()).isEqualTo(400);
        // the state is spent: not even the right browser can use it afterwards
        var late = callback(callback, DemoConnect.flowCookie(started.headers()).orElseThrow());
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("Unknown or used state");
        assertThat(hub.count("select count(*) from audit_event where action = 'connection.authorize_refused'"))
                .isPositive();
    }

    @Test
    void anExpiredStateIsRefused() throws Exception {
        var started = startClio();
        String callback = consent(started);
        hub.bean(Tenancy.class).writeVoid(TenantScope.system(hub.firmId()), () -> hub.jdbc().update(
                "update connection set oauth_state_expires_at = now() - interval '1 second' where id = ?", connection));
        var expired = callback(callback, DemoConnect.flowCookie(started.headers()).orElseThrow());
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.body()).contains("longer than 10 minutes");
    }

    @Test
    void aReplayedStateIsRefused() throws Exception {
        var started = startClio();
        String callback = consent(started);
        String cookie = DemoConnect.flowCookie(started.headers()).orElseThrow();
        assertThat(callback(callback, cookie).statusCode()).isEqualTo(200);
        var replay = callback(callback, cookie);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("Unknown or used state");
    }

    @Test
    void aConsentByAnotherFirmsClioAccountIsRefusedAndTheOldGrantKept() throws Exception {
        byte[] before = (byte[]) hub.query("select tokens_enc from connection where id = ?", connection).get(0).get("tokens_enc");
        var started = startClio();
        // firm A's admin's own browser, but the Clio sign-in is firm B's admin
        clio.consentAs(912_000_777L, "Brenda", "Other", "admin@otherfirm.example");
        String callback;
        try {
            callback = consent(started);
        } finally {
            clio.consentAs(344_829_001L, "Jane", "Whitaker", "jwhitaker@harbourlaw.example");
        }
        var refused = callback(callback, DemoConnect.flowCookie(started.headers()).orElseThrow());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("another Clio account");
        byte[] after = (byte[]) hub.query("select tokens_enc from connection where id = ?", connection).get(0).get("tokens_enc");
        assertThat(after).isEqualTo(before);
        assertThat(hub.query("select vendor_account from connection where id = ?", connection).get(0).get("vendor_account"))
                .isEqualTo("344829001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost@169.254.169.254/", "http://127.0.0.1.evil.tld",
            "https://app.clio.com.evil.tld", "https://evil.tld#@app.clio.com", "https://[::1]/", "http://2130706433/",
            "https://app.clio.com:8443", "https://user:secret@app.clio.com"})
    void aClioBaseUrlOffClioIsRefused(String url) {
        var r = hub.call("POST", "/api/v1/admin/connections/clio", hub.token(ADMIN),
                "{\"displayName\":\"Clio (attack)\",\"baseUrl\":\"" + url + "\"}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).doesNotContain("evil").doesNotContain("169.254").doesNotContain("secret");
        assertThat(hub.count("select count(*) from connection where display_name = 'Clio (attack)'")).isZero();
    }

    @Test
    void aDocumentSystemUrlOffTheVendorIsRefusedAtConnectAndInASettingsChange() throws Exception {
        var r = hub.call("POST", "/api/v1/admin/connections/imanage", hub.token(ADMIN),
                "{\"displayName\":\"iManage (attack)\",\"baseUrl\":\"https://evil.cloudimanage.com.evil.tld\"}",
                "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        UUID nd = hub.connectionId("netdocuments");
        String stored = (String) hub.query("select settings::text as s from connection where id = ?", nd).get(0).get("s");
        JsonNode settings = JSON.readTree(stored);
        String given = ((com.fasterxml.jackson.databind.node.ObjectNode) settings.deepCopy())
                .put("apiBaseUrl", "http://169.254.169.254/latest/meta-data").toString();
        var changed = hub.call("PUT", "/api/v1/admin/connections/" + nd + "/settings", hub.token(ADMIN), given,
                "application/json");
        assertThat(changed.statusCode()).as(changed.body() + " " + settings).isEqualTo(422);
        assertThat(changed.body()).doesNotContain("169.254");
        assertThat((String) hub.query("select settings::text as s from connection where id = ?", nd).get(0).get("s"))
                .doesNotContain("169.254");
    }
}
