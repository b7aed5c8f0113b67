package org.matterhub.simulators.imanage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.imanage.ImanageTestClient.json;
import static org.matterhub.simulators.imanage.ImanageTestClient.map;

class ImanageOAuthTest {

    private ImanageSimulator sim;
    private ImanageTestClient client;

    @BeforeEach
    void start() throws Exception {
        sim = ImanageSimulator.start(ImanageSimulatorOptions.defaults());
        client = new ImanageTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void authorizeRedirectsWithCodeAndStateAndCodeIsSingleUse() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/auth/oauth2/authorize?response_type=code&client_id=" + ImanageTestClient.CLIENT_ID
                + "&redirect_uri=" + ImanageTestClient.enc("https://hub.example/cb") + "&state=abc")).GET());
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://hub.example/cb?code=").endsWith("&state=abc");
        String code = location.replaceAll(".*code=([^&]+).*", "$1");
        String form = "grant_type=authorization_code&code=" + code + "&redirect_uri="
                + ImanageTestClient.enc("https://hub.example/cb");
        String basic = "Basic " + Base64.getEncoder().encodeToString((ImanageTestClient.CLIENT_ID + ":"
                + ImanageTestClient.CLIENT_SECRET).getBytes());
        HttpResponse<String> token = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/auth/oauth2/token"))
                .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(json(token)).containsKeys("access_token", "refresh_token", "expires_in", "token_type");
        assertThat(json(token).get("expires_in")).isEqualTo(1800);
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/auth/oauth2/token"))
                .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("error")).isEqualTo("invalid_grant");
    }

    @Test
    void discoveryNeedsTheTokenInXAuthToken() throws Exception {
        HttpResponse<String> r = client.get("/api");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> data = map(json(r).get("data"));
        assertThat(map(data.get("user")).get("customer_id")).isEqualTo(1);
        assertThat(ImanageTestClient.list(map(data.get("work")).get("libraries")))
                .extracting(l -> l.get("alias")).containsExactly("ACTIVE_US");

        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api")).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(map(json(anonymous).get("error"))).containsKeys("code", "message");
    }

    @Test
    void passwordGrantWorksForRegisteredUsersOnly() throws Exception {
        sim.registerUser("jdoe", "pw1");
        String base = "&client_id=" + ImanageTestClient.CLIENT_ID + "&client_secret=" + ImanageTestClient.CLIENT_SECRET;
        HttpResponse<String> ok = client.tokenRequest("grant_type=password&username=JDoe&password=pw1" + base);
        assertThat(ok.statusCode()).isEqualTo(200);
        client.accessToken = (String) json(ok).get("access_token");
        assertThat(map(map(json(client.get("/api")).get("data")).get("user")).get("id")).isEqualTo("JDOE");
        HttpResponse<String> bad = client.tokenRequest("grant_type=password&username=jdoe&password=nope" + base);
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongSecret = client.tokenRequest("grant_type=password&username=jdoe&password=pw1"
                + "&client_id=" + ImanageTestClient.CLIENT_ID + "&client_secret=x");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(json(wrongSecret).get("error")).isEqualTo("invalid_client");
    }

    @Test
    void expiredTokensRefreshAndRevokedGrantsStop() throws Exception {
        assertThat(client.get("/api").statusCode()).isEqualTo(200);
        sim.expireAccessTokens();
        assertThat(client.get("/api").statusCode()).isEqualTo(401);
        assertThat(client.refresh().statusCode()).isEqualTo(200);
        assertThat(client.get("/api").statusCode()).isEqualTo(200);
        sim.revokeAllTokens();
        assertThat(client.get("/api").statusCode()).isEqualTo(401);
        HttpResponse<String> refresh = client.refresh();
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(json(refresh).get("error")).isEqualTo("invalid_grant");
    }
}
