package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.TestHub;
import org.matterhub.simulators.clio.ClioSimulator;
import org.matterhub.simulators.common.FaultKind;
import org.matterhub.simulators.common.FaultRule;

/**
 * The matter conversation mirrored with Clio both ways, through the real API and the Clio simulator over HTTP, with
 * Clio failing on purpose: a portal message reaches Clio's conversation exactly once, a message firm staff write in
 * Clio reaches the portal thread exactly once, and nothing echoes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClioConversationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MESSAGES = "/conversation_messages\\.json";

    TestHub hub;
    ClioSimulator clio;
    String gc;

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of("matterhub.clio.poll-interval-ms", "1000"));
        clio = hub.clio();
        gc = hub.token((String) hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "join client_org o on o.id = m.client_org_id where o.name = 'Northwind Holdings Ltd' "
                + "and m.role = 'org_admin' limit 1").get(0).get("email"));
    }

    @AfterEach
    void clearFaults() {
        clio.faults().clear();
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    /** A Northwind matter that came from Clio, and its Clio id. */
    Object[] clioMatter(int which) {
        var row = hub.query("select m.id, r.external_id from matter m join client_org o on o.id = m.client_org_id "
                + "join external_ref r on r.local_id = m.id and r.entity_type = 'matter' where o.name = 'Northwind Holdings Ltd' "
                + "and m.deleted_at is null order by m.display_number offset ? limit 1", which).get(0);
        return new Object[] {row.get("id"), Long.parseLong((String) row.get("external_id"))};
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    List<String> portalMessageIds(String thread) throws Exception {
        List<String> ids = new ArrayList<>();
        json(hub.get("/api/v1/threads/" + thread + "/messages?limit=200", gc), 200).get("items")
                .forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }

    long undelivered() {
        return hub.count("select count(*) from outbox where kind = 'message.mirror' and status <> 'delivered'");
    }

    @Test
    void portalMessagesReachClioExactlyOnceThrough5xxAndLostAnswers() throws Exception {
        Object[] m = clioMatter(0);
        long clioMatter = (Long) m[1];
        clio.faults().resetCounts();
        clio.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "POST", MESSAGES, 2));
        clio.faults().add(FaultRule.of(FaultKind.LOST_RESPONSE, "POST", MESSAGES, 2));
        JsonNode thread = json(hub.call("POST", "/api/v1/matters/" + m[0] + "/threads", gc,
                "{\"subject\":\"Board minutes\",\"body\":\"Are the minutes of 3 March final?\"}", "application/json"), 201);
        String threadId = thread.get("id").asText();
        for (String body : List.of("Also: who signs for the company?", "And can we have them by Friday?")) {
            json(hub.call("POST", "/api/v1/threads/" + threadId + "/messages", gc,
                    JSON.writeValueAsString(Map.of("body", body)), "application/json"), 201);
        }
        List<String> portal = portalMessageIds(threadId);
        assertThat(portal).hasSize(3);
        await().atMost(Duration.ofSeconds(120)).until(() -> undelivered() == 0
                && hub.count("select count(*) from outbox where kind = 'message.mirror' and aggregate_id = any (?::uuid[])",
                (Object) portal.toArray(String[]::new)) == 3);

        assertThat(clio.faults().fired()).as("each fault armed fired")
                .containsExactlyInAnyOrderEntriesOf(Map.of(FaultKind.SERVER_ERROR, 2L, FaultKind.LOST_RESPONSE, 2L));
        List<Long> conversations = new ArrayList<>();
        for (String id : portal) {
            var inClio = clio.conversations().messagesContaining("[portal:" + id + "]");
            assertThat(inClio).as("Clio messages carrying portal message %s", id).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> conversation = (Map<String, Object>) inClio.get(0).get("conversation");
            conversations.add(((Number) conversation.get("id")).longValue());
        }
        assertThat(conversations).as("one Clio conversation for the thread").containsOnly(conversations.get(0));
        assertThat(clio.conversations().conversationIds(clioMatter)).contains(conversations.get(0));
        assertThat(clio.conversations().messageCount(conversations.get(0))).isEqualTo(3);
        assertThat(clio.conversations().messages(conversations.get(0)).get(0).get("body").toString())
                .contains("Are the minutes of 3 March final?");
    }

    @Test
    void clioMessagesReachThePortalOnceAndNothingEchoes() throws Exception {
        Object[] m = clioMatter(1);
        long clioMatter = (Long) m[1];
        clio.faults().add(FaultRule.of(FaultKind.SERVER_ERROR, "GET", MESSAGES, 1));
        long conversation = clio.conversations().startConversation(clioMatter, "Sarah Chen", "Signing arrangements",
                "Please sign page 3 of the share purchase agreement.");
        clio.conversations().postMessage(conversation, "Sarah Chen", "And initial page 5.");

        String[] clioIds = clio.conversations().messages(conversation).stream().map(x -> x.get("id").toString())
                .toArray(String[]::new);
        await().atMost(Duration.ofSeconds(90)).until(() -> hub.count("select count(*) from message where origin = 'clio' "
                + "and origin_id = any (?::text[])", (Object) clioIds) == 2);
        String thread = hub.query("select local_id from external_ref where entity_type = 'conversation' and external_id = ?",
                Long.toString(conversation)).get(0).get("local_id").toString();
        JsonNode view = json(hub.get("/api/v1/threads/" + thread, gc), 200);
        assertThat(view.get("subject").asText()).isEqualTo("Signing arrangements");
        assertThat(view.get("matterId").asText()).isEqualTo(m[0].toString());
        JsonNode page = json(hub.get("/api/v1/threads/" + thread + "/messages", gc), 200);
        assertThat(page.get("items")).extracting(x -> x.get("body").asText())
                .containsExactly("Please sign page 3 of the share purchase agreement.", "And initial page 5.");
        assertThat(page.get("items")).allSatisfy(x -> {
            assertThat(x.get("origin").asText()).isEqualTo("clio");
            assertThat(x.get("author").get("kind").asText()).isEqualTo("staff");
            assertThat(x.get("author").get("name").asText()).isEqualTo("Sarah Chen");
        });

        // The client answers in the portal: the answer goes into the same Clio conversation, once, and does not
        // come back as a third portal message however often the hub polls.
        json(hub.call("POST", "/api/v1/threads/" + thread + "/messages", gc, "{\"body\":\"Signed and initialled.\"}",
                "application/json"), 201);
        await().atMost(Duration.ofSeconds(90)).until(() -> clio.conversations().messageCount(conversation) == 3);
        long polls = conversationPolls();
        await().atMost(Duration.ofSeconds(60)).until(() -> conversationPolls() >= polls + 3);
        assertThat(portalMessageIds(thread)).hasSize(3);
        assertThat(clio.conversations().messageCount(conversation)).isEqualTo(3);
        assertThat(hub.count("select count(*) from message where thread_id = ?::uuid and origin = 'clio'", thread)).isEqualTo(2);
        assertThat(hub.count("select count(*) from external_ref where entity_type = 'conversation' and external_id = ?",
                Long.toString(conversation))).isEqualTo(1);
    }

    long conversationPolls() {
        return clio.requests().stream().filter(r -> r.method().equals("GET") && r.path().equals("/api/v4/conversations.json"))
                .count();
    }
}
