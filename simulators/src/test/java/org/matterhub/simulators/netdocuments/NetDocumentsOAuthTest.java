package org.matterhub.simulators.netdocuments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.netdocuments.NetDocumentsTestClient.json;

class NetDocumentsOAuthTest {

    private NetDocumentsSimulator sim;
    private NetDocumentsTestClient client;

    @BeforeEach
    void start() throws Exception {
        sim = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.defaults());
        client = new NetDocumentsTestClient(sim).authorize();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void authorizeRedirectsWithCodeAndStateAndTokenCarriesScope() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/neWeb2/OAuth.aspx?client_id=" + NetDocumentsTestClient.CLIENT_ID
                + "&response_type=code&scope=read&redirect_uri=" + NetDocumentsTestClient.enc("https://hub.example/nd")
                + "&state=q")).GET());
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://hub.example/nd?code=").endsWith("&state=q");
        String code = location.replaceAll(".*code=([^&]+).*", "$1");
        HttpResponse<String> token = client.tokenRequest("grant_type=authorization_code&code=" + code
                + "&redirect_uri=" + NetDocumentsTestClient.enc("https://hub.example/nd"), false);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(json(token)).containsEntry("token_type", "bearer").containsEntry("scope", "read")
                .containsKeys("access_token", "refresh_token", "expires_in");
    }

    @Test
    void unknownClientAndWrongSecretAreRejected() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/neWeb2/OAuth.aspx?client_id=AP-NOPE0000&response_type=code&redirect_uri=x")).GET());
        assertThat(r.statusCode()).isEqualTo(400);
        HttpResponse<String> t = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/OAuth"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token=" + client.refreshToken + "&client_id="
                                + NetDocumentsTestClient.CLIENT_ID + "&client_secret=wrong")));
        assertThat(t.statusCode()).isEqualTo(401);
        assertThat(json(t).get("error")).isEqualTo("invalid_client");
    }

    @Test
    void expiredTokensRefreshAndRevokedGrantsStop() throws Exception {
        assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(200);
        sim.expireAccessTokens();
        HttpResponse<String> expired = client.get("/v1/User/cabinets");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(client.refresh().statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(200);
        sim.revokeAllTokens();
        assertThat(client.get("/v1/User/cabinets").statusCode()).isEqualTo(401);
        assertThat(json(client.refresh()).get("error")).isEqualTo("invalid_grant");
    }
}
