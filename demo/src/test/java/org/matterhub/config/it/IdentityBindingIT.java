package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.portal.security.PrincipalResolver;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Sign-in binds a person by the token's issuer and subject, never by its e-mail alone (docs/security.md, "Identity"):
 * the attacks of an identity provider that lets someone carry another person's e-mail, over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityBindingIT {

    static final ObjectMapper JSON = new ObjectMapper();
    TestHub hub;
    EmbeddedIssuer issuer;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
        issuer = hub.bean(EmbeddedIssuer.class);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    String token(String email, String subject, Object emailVerified) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("email_verified", emailVerified); // null removes the claim
        return issuer.mint(email, Duration.ofMinutes(10), claims);
    }

    /** Invites a new client member of Bluebird through the staff API; returns its id. */
    UUID invite(String email) throws Exception {
        String partner = hub.token("schen@harbourlaw.example");
        UUID org = (UUID) hub.query("select id from client_org where name = 'Bluebird Ventures LLC'").get(0).get("id");
        HttpResponse<String> invited = hub.call("POST", "/api/v1/staff/client-orgs/" + org + "/invitations", partner,
                "{\"email\":\"" + email + "\",\"displayName\":\"Invited Person\",\"role\":\"member\"}", "application/json");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(invited.body()).get("id").asText());
    }

    /** Invites a new person and signs them in once with a verified e-mail, which binds this subject to them. */
    UUID inviteAndSignIn(String email, String subject) throws Exception {
        UUID user = invite(email);
        HttpResponse<String> first = hub.get("/api/v1/me", token(email, subject, true));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        return user;
    }

    Map<String, Object> row(UUID user) {
        return hub.query("select email, issuer, subject, status from portal_user where id = ?", user).get(0);
    }

    void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void anUnverifiedOrUnvouchedEmailDoesNotBindAnInvitedPerson() throws Exception {
        String email = "unverified-" + UUID.randomUUID() + "@bluebird.example";
        UUID user = invite(email);

        assertRefused(hub.get("/api/v1/me", token(email, "idp|attacker-1", false)));
        assertRefused(hub.get("/api/v1/me", token(email, "idp|attacker-2", "false")));
        assertRefused(hub.get("/api/v1/me", token(email, "idp|attacker-3", null)));
        assertThat(row(user)).containsEntry("status", "invited").containsEntry("subject", null);

        HttpResponse<String> verified = hub.get("/api/v1/me", token(email, "idp|owner", true));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(row(user)).containsEntry("status", "active").containsEntry("subject", "idp|owner")
                .containsEntry("issuer", issuer.issuer());
        // Once bound, the unverified attacker stays out even now that an account is active under that e-mail.
        assertRefused(hub.get("/api/v1/me", token(email, "idp|attacker-1", false)));
    }

    /** A client (org admin), a firm admin and ops: a second identity carrying their verified e-mail is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"gc@northwind.example", "jwhitaker@harbourlaw.example", "ops@harbourlaw.example"})
    void aSecondIdentityWithTheVictimsEmailIsRefused(String victim) throws Exception {
        String own = hub.token(victim);
        HttpResponse<String> me = hub.get("/api/v1/me", own);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        UUID victimId = UUID.fromString(JSON.readTree(me.body()).get("id").asText());
        Object boundSubject = row(victimId).get("subject");
        assertThat(boundSubject).isEqualTo("embedded|" + victim);

        String impostor = token(victim, "other-idp|" + UUID.randomUUID(), true);
        assertRefused(hub.get("/api/v1/me", impostor));
        assertRefused(hub.raw("GET", "/ops/v1/connections", impostor, null, null, Map.of()));
        assertRefused(hub.offContract("an empty connect body: the impostor is refused before it is read", "POST",
                "/api/v1/admin/connections/imanage", impostor, "{}", "application/json", Map.of()));
        assertThat(row(victimId)).containsEntry("subject", boundSubject).containsEntry("issuer", issuer.issuer());
        assertThat(hub.get("/api/v1/me", own).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedEmailAtTheProviderKeepsTheBindingAndTheRecordedEmail() throws Exception {
        String email = "renamed-" + UUID.randomUUID() + "@bluebird.example";
        String subject = "idp|" + UUID.randomUUID();
        UUID user = inviteAndSignIn(email, subject);

        String changed = "someone.else-" + UUID.randomUUID() + "@elsewhere.example";
        HttpResponse<String> after = hub.get("/api/v1/me", token(changed, subject, true));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        JsonNode me = JSON.readTree(after.body());
        assertThat(me.get("id").asText()).isEqualTo(user.toString());
        // The stored e-mail is the firm's record of whom it invited; the provider's new address does not rewrite it.
        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(row(user)).containsEntry("email", email).containsEntry("subject", subject);

        // Whoever holds the old address at the provider now is someone else: refused, and the binding stays.
        assertRefused(hub.get("/api/v1/me", token(email, "idp|" + UUID.randomUUID(), true)));
        assertThat(row(user)).containsEntry("subject", subject);
    }

    @Test
    void theSameSubjectFromAnotherIssuerIsNotThePerson() throws Exception {
        String email = "issuer-" + UUID.randomUUID() + "@bluebird.example";
        String subject = "idp|" + UUID.randomUUID();
        UUID user = inviteAndSignIn(email, subject);

        Map<String, Object> foreign = new HashMap<>(Map.of("sub", subject, "iss", "https://other-issuer.example/"));
        assertThat(hub.raw("GET", "/api/v1/me", issuer.mint(email, Duration.ofMinutes(10), foreign), null, null, Map.of())
                .statusCode()).isEqualTo(401);
        PrincipalResolver resolver = hub.bean(PrincipalResolver.class);
        assertThat(resolver.byIdentity("https://other-issuer.example/", subject, null)).isEmpty();
        assertThat(resolver.byIdentity(issuer.issuer(), subject, null)).get()
                .extracting(found -> found.principal().userId()).isEqualTo(user);
    }

    @Test
    void aSubjectBoundBeforeIssuersWereRecordedGetsItsIssuerAtTheNextSignIn() throws Exception {
        String email = "legacy-" + UUID.randomUUID() + "@bluebird.example";
        String subject = "idp|" + UUID.randomUUID();
        UUID user = inviteAndSignIn(email, subject);
        hub.bean(Tenancy.class).writeVoid(TenantScope.system(hub.firmId()),
                () -> hub.jdbc().update("update portal_user set issuer = null where id = ?", user));

        assertRefused(hub.get("/api/v1/me", token(email, "idp|" + UUID.randomUUID(), true)));
        assertThat(hub.get("/api/v1/me", token("changed-" + email, subject, true)).statusCode()).isEqualTo(200);
        assertThat(row(user)).containsEntry("issuer", issuer.issuer()).containsEntry("subject", subject);
    }
}
