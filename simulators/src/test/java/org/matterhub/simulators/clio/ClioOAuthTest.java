package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.CLIENT_ID;
import static org.matterhub.simulators.clio.ClioTestClient.CLIENT_SECRET;
import static org.matterhub.simulators.clio.ClioTestClient.REDIRECT_URI;
import static org.matterhub.simulators.clio.ClioTestClient.enc;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.json;

class ClioOAuthTest {

    private ClioSimulator sim;
    private ClioTestClient client;

    @BeforeEach
    void start() {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        sim.registerApp(CLIENT_ID, CLIENT_SECRET);
        client = new ClioTestClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void authorizationCodeFlowIssuesBearerTokensThatOpenTheApi() throws Exception {
        HttpResponse<String> redirect = authorize("abc 123");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT_URI + "?code=").endsWith("&state=abc+123");
        String code = codeOf(location);

        HttpResponse<String> token = exchange(code);
        assertThat(token.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(token);
        assertThat(body).containsKeys("access_token", "refresh_token")
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 2592000);

        client.accessToken = (String) body.get("access_token");
        HttpResponse<String> api = client.get("/matters.json");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("X-API-VERSION")).hasValue("4.0.9");
    }

    @Test
    void codesAreSingleUseAndBoundToClientAndRedirectUri() throws Exception {
        String code = codeOf(authorize("s").headers().firstValue("Location").orElseThrow());
        assertThat(exchange(code).statusCode()).isEqualTo(200);
        HttpResponse<String> again = exchange(code);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again)).containsEntry("error", "invalid_grant");

        String other = codeOf(authorize("s").headers().firstValue("Location").orElseThrow());
        HttpResponse<String> wrongRedirect = client.tokenRequest("grant_type=authorization_code&code=" + other
                + "&redirect_uri=" + enc("http://127.0.0.1:9/elsewhere") + "&client_id=" + CLIENT_ID
                + "&client_secret=" + CLIENT_SECRET);
        assertThat(json(wrongRedirect)).containsEntry("error", "invalid_grant");
    }

    @Test
    void unknownClientAndBadSecretAreRejected() throws Exception {
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=" + enc(REDIRECT_URI))).GET());
        assertThat(unknown.statusCode()).isEqualTo(400);

        String code = codeOf(authorize("s").headers().firstValue("Location").orElseThrow());
        HttpResponse<String> badSecret = client.tokenRequest("grant_type=authorization_code&code=" + code
                + "&redirect_uri=" + enc(REDIRECT_URI) + "&client_id=" + CLIENT_ID + "&client_secret=wrong");
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(json(badSecret)).containsEntry("error", "invalid_client");
    }

    @Test
    void refreshTokensDoNotRotateAndKeepWorking() throws Exception {
        client.authorize();
        String refresh = client.refreshToken;
        String firstAccess = client.accessToken;

        HttpResponse<String> r1 = client.refresh();
        assertThat(r1.statusCode()).isEqualTo(200);
        assertThat(json(r1)).doesNotContainKey("refresh_token").containsEntry("token_type", "bearer");
        assertThat(client.accessToken).isNotEqualTo(firstAccess);
        assertThat(client.refresh().statusCode()).isEqualTo(200);
        assertThat(client.refreshToken).isEqualTo(refresh);
        assertThat(client.get("/contacts.json").statusCode()).isEqualTo(200);
    }

    @Test
    void expiredAccessTokensAnswer401UntilRefreshed() throws Exception {
        client.authorize();
        sim.expireAccessTokens();
        HttpResponse<String> expired = client.get("/matters.json");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired)).containsKey("error");
        assertThat(client.refresh().statusCode()).isEqualTo(200);
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(200);
    }

    @Test
    void revokedGrantsFailRefreshWithInvalidGrantAndApiWith401() throws Exception {
        client.authorize();
        sim.revokeAllTokens();
        assertThat(client.get("/matters.json").statusCode()).isEqualTo(401);
        HttpResponse<String> refresh = client.refresh();
        assertThat(refresh.statusCode()).isEqualTo(400);
        assertThat(json(refresh)).containsEntry("error", "invalid_grant");
    }

    @Test
    void missingTokenAndUnknownVersionAreRejectedWithClioErrorBodies() throws Exception {
        HttpResponse<String> anonymous = client.get("/matters.json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("error")).isInstanceOfSatisfying(Map.class,
                e -> assertThat(e).containsKeys("type", "message"));

        client.authorize();
        HttpResponse<String> gone = client.get("/matters.json", "X-API-VERSION", "4.0.1");
        assertThat(gone.statusCode()).isEqualTo(410);
        HttpResponse<String> v10 = client.get("/matters.json", "X-API-VERSION", "4.0.10");
        assertThat(v10.headers().firstValue("X-API-VERSION")).hasValue("4.0.10");
    }

    @Test
    void aPkceCodeNeedsItsVerifier() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 Appendix B
        String code = codeOf(client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT_URI)
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256")).GET())
                .headers().firstValue("Location").orElseThrow());
        HttpResponse<String> without = exchange(code);
        assertThat(json(without)).containsEntry("error", "invalid_grant");

        String again = codeOf(client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT_URI)
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256")).GET())
                .headers().firstValue("Location").orElseThrow());
        assertThat(json(client.tokenRequest("grant_type=authorization_code&code=" + again + "&redirect_uri="
                + enc(REDIRECT_URI) + "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&code_verifier=wrong-" + verifier))).containsEntry("error", "invalid_grant");

        String third = codeOf(client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT_URI)
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256")).GET())
                .headers().firstValue("Location").orElseThrow());
        assertThat(client.tokenRequest("grant_type=authorization_code&code=" + third + "&redirect_uri="
                + enc(REDIRECT_URI) + "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&code_verifier=" + verifier).statusCode()).isEqualTo(200);
    }

    @Test
    void whoAmINamesTheUserWhoConsented() throws Exception {
        client.accessToken = (String) json(exchange(codeOf(authorize("s").headers().firstValue("Location")
                .orElseThrow()))).get("access_token");
        assertThat(data(client.get("/users/who_am_i.json?fields=id,name,email")))
                .containsEntry("id", 344829001).containsEntry("email", "jwhitaker@harbourlaw.example");
        sim.consentAs(912_000_777L, "Brenda", "Other", "admin@otherfirm.example");
        try {
            client.accessToken = (String) json(exchange(codeOf(authorize("s").headers().firstValue("Location")
                    .orElseThrow()))).get("access_token");
            assertThat(data(client.get("/users/who_am_i.json?fields=id,email")))
                    .containsEntry("id", 912000777).containsEntry("email", "admin@otherfirm.example");
            // without fields=, Clio gives a User's id and etag only
            assertThat(data(client.get("/users/who_am_i.json")).keySet()).containsExactlyInAnyOrder("id", "etag");
        } finally {
            sim.consentAs(344_829_001L, "Jane", "Whitaker", "jwhitaker@harbourlaw.example");
        }
    }

    private HttpResponse<String> authorize(String state) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/oauth/authorize?response_type=code&client_id=" + CLIENT_ID + "&redirect_uri=" + enc(REDIRECT_URI)
                + "&state=" + enc(state))).GET());
    }

    private HttpResponse<String> exchange(String code) throws Exception {
        return client.tokenRequest("grant_type=authorization_code&code=" + code + "&redirect_uri="
                + enc(REDIRECT_URI) + "&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET);
    }

    private static String codeOf(String location) {
        return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }
}
