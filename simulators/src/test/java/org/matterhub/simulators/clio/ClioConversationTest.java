package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.dataList;
import static org.matterhub.simulators.clio.ClioTestClient.enc;
import static org.matterhub.simulators.clio.ClioTestClient.json;
import static org.matterhub.simulators.clio.ClioTestClient.map;

/**
 * Conversations and conversation messages as Clio's OpenAPI document defines them (Conversation#index/#show,
 * ConversationMessage#index/#show/#create): every request and answer here is validated against the document
 * ({@link ClioSpec}), for success and error statuses alike.
 */
class ClioConversationTest {

    private static final String MESSAGE_FIELDS = "id,etag,body,date,created_at,updated_at,sender{id,type,name},"
            + "conversation{id,subject,updated_at},receivers{id,type,name}";

    private ClioSimulator sim;
    private ClioTestClient client;
    private DemoSeed seed;
    private long matter;
    private long client1;

    @BeforeEach
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        seed = sim.seedDemoFirm();
        client = new ClioTestClient(sim).authorize();
        matter = seed.matterIds().get(0);
        client1 = ((Number) sim.data().matter(matter).get("client_id")).longValue();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aFirstMessageOnAMatterStartsAConversationAndTheTokensUserSendsIt() throws Exception {
        HttpResponse<String> first = check("POST", "/conversation_messages.json?fields=" + enc(MESSAGE_FIELDS),
                post(null, matter, "Draft agreement", "Please review clause 4.", client1), 201);
        Map<String, Object> m = data(first);
        assertThat(m).containsEntry("body", "Please review clause 4.");
        assertThat(map(m.get("sender"))).containsEntry("type", "User").containsEntry("name", "Jane Whitaker")
                .containsEntry("id", ((Number) ClioOAuth.FIRM_ADMIN.get("id")).intValue());
        assertThat(map(((List<?>) m.get("receivers")).get(0))).containsEntry("id", (int) client1);
        long conversation = ((Number) map(m.get("conversation")).get("id")).longValue();
        assertThat(map(m.get("conversation"))).containsEntry("subject", "Draft agreement");
        assertThat(sim.conversations().conversationIds(matter)).containsExactly(conversation);

        String before = (String) sim.conversations().conversation(conversation).get("etag");
        check("POST", "/conversation_messages.json", post(conversation, null, "Draft agreement", "And clause 5.", client1), 201);
        Map<String, Object> c = data(check("GET", "/conversations/" + conversation + ".json?fields="
                + enc("id,etag,subject,message_count,matter{id,display_number},last_message{id,body},first_message{body},"
                + "messages,created_at,updated_at"), null, 200));
        assertThat(c).containsEntry("message_count", 2).containsEntry("subject", "Draft agreement");
        assertThat(c.get("etag")).isNotEqualTo(before);
        assertThat(map(c.get("matter"))).containsEntry("id", (int) matter).containsKey("display_number");
        assertThat(map(c.get("last_message"))).containsEntry("body", "And clause 5.");
        assertThat(map(c.get("first_message"))).containsEntry("body", "Please review clause 4.");
        assertThat((List<?>) c.get("messages")).hasSize(2);
        assertThat(sim.conversations().messageCount(conversation)).isEqualTo(2);
    }

    @Test
    void withoutFieldsARecordIsItsIdAndEtag() throws Exception {
        long conversation = sim.conversations().startConversation(matter, "Sarah Chen", "Hello", "Welcome aboard.");
        long message = ((Number) sim.conversations().messages(conversation).get(0).get("id")).longValue();
        for (String path : List.of("/conversations/" + conversation + ".json", "/conversation_messages/" + message + ".json")) {
            assertThat(data(check("GET", path, null, 200)).keySet()).containsExactly("id", "etag");
        }
        assertThat(dataList(check("GET", "/conversations.json", null, 200)))
                .allSatisfy(r -> assertThat(r.keySet()).containsExactly("id", "etag"));
        assertThat(dataList(check("GET", "/conversation_messages.json?conversation_id=" + conversation, null, 200)))
                .singleElement().satisfies(r -> assertThat(r.keySet()).containsExactly("id", "etag"));
        assertThat(data(check("POST", "/conversation_messages.json", post(conversation, null, "Hello", "Thanks", client1),
                201)).keySet()).containsExactly("id", "etag");
        String all = ClioContractTest.allFields(ClioConversationApi.MESSAGE);
        Map<String, Object> full = data(check("GET", "/conversation_messages/" + message + ".json?fields=" + enc(all), null, 200));
        assertThat(String.join(",", full.keySet())).isEqualTo(all);
        assertThat(data(check("GET", "/conversations/" + conversation + ".json?fields="
                + enc(ClioContractTest.allFields(ClioConversationApi.CONVERSATION)), null, 200))).containsEntry("documents", List.of());
        assertThat(map(json(check("GET", "/conversations.json?fields=" + enc("id,hours"), null, 400)).get("error"))
                .get("message").toString()).contains("Invalid field");
    }

    @Test
    void messagesArePagedByCursorEachExactlyOnce() throws Exception {
        long conversation = sim.conversations().startConversation(matter, "Sarah Chen", "Paging", "message 0");
        for (int i = 1; i < 7; i++) {
            sim.conversations().postMessage(conversation, "Sarah Chen", "message " + i);
        }
        List<String> bodies = new ArrayList<>();
        HttpResponse<String> page = check("GET", "/conversation_messages.json?conversation_id=" + conversation
                + "&limit=3&order=" + enc("id(asc)") + "&fields=id,body", null, 200);
        int pages = 1;
        while (true) {
            dataList(page).forEach(r -> bodies.add((String) r.get("body")));
            Object next = map(map(json(page).get("meta")).get("paging")).get("next");
            if (next == null) {
                break;
            }
            page = client.getUrl((String) next);
            assertThat(page.statusCode()).isEqualTo(200);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(bodies).containsExactly("message 0", "message 1", "message 2", "message 3", "message 4", "message 5",
                "message 6");
        for (int i = 0; i < 4; i++) {
            sim.conversations().startConversation(seed.matterIds().get(i + 1), "Amara Osei", "Topic " + i, "text");
        }
        HttpResponse<String> conversations = check("GET", "/conversations.json?limit=2&fields=id,subject", null, 200);
        assertThat(dataList(conversations)).hasSize(2);
        assertThat(map(json(conversations).get("meta"))).containsEntry("records", 5);
        assertThat(map(map(json(conversations).get("meta")).get("paging"))).containsKey("next");
    }

    @Test
    void updatedSinceFindsTheConversationsAStaffMessageChanged() throws Exception {
        long quiet = sim.conversations().startConversation(matter, "Sarah Chen", "Quiet", "nothing new here");
        long busy = sim.conversations().startConversation(seed.matterIds().get(1), "Sarah Chen", "Busy", "first");
        String cursor = (String) sim.conversations().conversation(busy).get("updated_at");
        long reply = sim.conversations().postMessage(busy, "Sarah Chen", "a reply written in Clio");
        String since = enc(OffsetDateTime.parse(cursor).plusNanos(1000).toString());

        List<Map<String, Object>> changed = dataList(check("GET", "/conversations.json?updated_since=" + since
                + "&fields=id,subject,matter", null, 200));
        assertThat(changed).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(busy);
        // the document filters messages by "the updated_at field on the related Conversation"
        List<Map<String, Object>> messages = dataList(check("GET", "/conversation_messages.json?conversation_id=" + busy
                + "&updated_since=" + since + "&fields=id,body,updated_at", null, 200));
        assertThat(messages).extracting(r -> ((Number) r.get("id")).longValue()).contains(reply).hasSize(2);
        assertThat(dataList(check("GET", "/conversation_messages.json?conversation_id=" + quiet + "&updated_since=" + since,
                null, 200))).isEmpty();
        assertThat(dataList(check("GET", "/conversations.json?matter_id=" + matter + "&fields=id", null, 200)))
                .extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(quiet);
        assertThat(dataList(check("GET", "/conversations.json?contact_id=" + client1 + "&fields=id", null, 200)))
                .extracting(r -> ((Number) r.get("id")).longValue()).contains(quiet);
        assertThat(dataList(check("GET", "/conversation_messages.json?conversation_id=" + busy + "&query="
                + enc("WRITTEN in clio") + "&fields=id", null, 200))).extracting(r -> ((Number) r.get("id")).longValue())
                .containsExactly(reply);
    }

    @Test
    void errorsAreClioErrors() throws Exception {
        long conversation = sim.conversations().startConversation(matter, "Sarah Chen", "Errors", "text");
        check("GET", "/conversations/42.json", null, 404);
        check("GET", "/conversation_messages/42.json", null, 404);
        check("POST", "/conversation_messages.json", post(42L, null, "s", "b", client1), 404);
        check("POST", "/conversation_messages.json", post(conversation, null, "s", "", client1), 422);
        check("POST", "/conversation_messages.json", post(null, 7L, "s", "b", client1), 422);
        check("POST", "/conversation_messages.json", post(conversation, null, "s", "b", 7L), 422);
        check("POST", "/conversation_messages.json", "{\"data\":{\"body\":\"b\",\"subject\":\"s\",\"receivers\":[]}}", 422);
        check("GET", "/conversation_messages.json?conversation_id=" + conversation + "&limit=0", null, 400);
        HttpResponse<String> badTime = client.offContract("updated_since is a date-time in Clio's document",
                () -> client.get("/conversation_messages.json?conversation_id=" + conversation + "&updated_since=yesterday"));
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(sim.conversations().messageCount(conversation)).isEqualTo(1);
        // conversation_id is required by the document: a request without it is outside the contract
        HttpResponse<String> noConversation = client.offContract("conversation_id is required by Clio's document",
                () -> client.get("/conversation_messages.json"));
        assertThat(noConversation.statusCode()).isEqualTo(400);
        HttpResponse<String> postConversation = client.offContract("Clio's document has no POST /conversations.json",
                () -> client.post("/conversations.json", "{\"data\":{\"subject\":\"s\"}}"));
        assertThat(postConversation.statusCode()).isEqualTo(404);
        // Clio's webhook models have no conversation (the document's own enum says so): a subscription is refused
        for (String model : List.of("conversation", "conversation_message")) {
            String hook = "{\"data\":{\"url\":\"https://hub.example/hook\",\"model\":\"" + model + "\",\"fields\":\"id\"}}";
            HttpResponse<String> refused = client.offContract("no such webhook model in Clio's document",
                    () -> client.post("/webhooks.json", hook));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(ClioSpec.get().exchangeProblems("POST", "/webhooks.json", hook, client.accessToken, new String[0],
                    refused)).singleElement().asString().contains("/data/model").contains("not found in enum");
        }
    }

    @Test
    void theControlApiWritesAsFirmStaffAndCountsEachConversationsMessages() throws Exception {
        HttpResponse<String> started = control("POST", "/conversations", "{\"matterId\":" + matter
                + ",\"subject\":\"Engagement letter\",\"body\":\"Signed copy attached in the portal?\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        long conversation = ((Number) json(started).get("conversationId")).longValue();
        String attorney = (String) map(sim.data().matter(matter).get("responsible_attorney")).get("name");
        Map<String, Object> first = sim.conversations().messages(conversation).get(0);
        assertThat(map(first.get("sender"))).containsEntry("type", "User").containsEntry("name", attorney);
        assertThat(((Number) json(started).get("messageId")).longValue()).isEqualTo(((Number) first.get("id")).longValue());

        HttpResponse<String> reply = control("POST", "/conversations/" + conversation + "/messages",
                "{\"body\":\"Following up [mh:42]\",\"staffName\":\"Luis Fernandez\"}");
        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(map(map(json(reply).get("data")).get("sender"))).containsEntry("name", "Luis Fernandez");
        // the API user writes the same marker once more: two messages carry it, in one conversation of three
        check("POST", "/conversation_messages.json", post(conversation, null, "Engagement letter", "Re [mh:42]", client1), 201);

        Map<String, Object> counted = json(control("GET", "/conversations/" + conversation + "/messages", null));
        assertThat(counted).containsEntry("count", 3);
        assertThat(json(control("GET", "/conversation-messages?contains=" + enc("[mh:42]"), null))).containsEntry("count", 2);
        assertThat(ClioTestClient.list(json(control("GET", "/conversations?matterId=" + matter, null)).get("data"))).hasSize(1);
        assertThat(control("POST", "/conversations/" + conversation + "/messages", "{\"body\":\"\"}").statusCode())
                .isEqualTo(400);
        assertThat(control("GET", "/conversations/999/messages", null).statusCode()).isEqualTo(400);
        assertThat(sim.conversations().messageCount(conversation)).isEqualTo(3);
    }

    @Test
    void faultsAndRateLimitsReachTheConversationEndpoints() throws Exception {
        long conversation = sim.conversations().startConversation(matter, "Sarah Chen", "Faults", "text");
        control("POST", "/faults", "{\"kind\":\"SERVER_ERROR\",\"method\":\"POST\","
                + "\"pathRegex\":\"/conversation_messages\",\"status\":503,\"times\":1}");
        check("POST", "/conversation_messages.json", post(conversation, null, "Faults", "lost?", client1), 503);
        assertThat(sim.conversations().messageCount(conversation)).isEqualTo(1);
        check("POST", "/conversation_messages.json", post(conversation, null, "Faults", "delivered", client1), 201);
        assertThat(sim.conversations().messageCount(conversation)).isEqualTo(2);
        sim.setRateLimitPerMinute(1);
        check("GET", "/conversations.json", null, 200);
        HttpResponse<String> limited = check("GET", "/conversation_messages.json?conversation_id=" + conversation, null, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    private HttpResponse<String> control(String method, String path, String body) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "/_control" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String post(Long conversation, Long matter, String subject, String body, long contact) {
        return "{\"data\":{" + (conversation == null ? "" : "\"conversation\":{\"id\":" + conversation + "},")
                + (matter == null ? "" : "\"matter\":{\"id\":" + matter + "},")
                + "\"subject\":\"" + subject + "\",\"body\":\"" + body + "\","
                + "\"receivers\":[{\"id\":" + contact + ",\"type\":\"Contact\"}]}}";
    }

    private HttpResponse<String> check(String method, String pathAndQuery, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = "POST".equals(method) ? client.post(pathAndQuery, body) : client.get(pathAndQuery);
        assertThat(response.statusCode()).as(method + " " + pathAndQuery + " -> " + response.body()).isEqualTo(expectedStatus);
        assertThat(ClioSpec.get().exchangeProblems(method, pathAndQuery, body, client.accessToken, new String[0], response))
                .as(method + " " + pathAndQuery + " against Clio's OpenAPI").isEmpty();
        return response;
    }
}
