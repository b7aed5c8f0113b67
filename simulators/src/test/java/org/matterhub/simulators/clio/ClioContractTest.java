package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.enc;

/**
 * Every simulator response for matters, contacts, activities, notes and webhooks (success and error statuses) is
 * validated against Clio's own OpenAPI document, and so is every request the test sends ({@link ClioSpec}, whose
 * allowances say where the document is looser than the live API). "All fields" means every field the document
 * lists for the resource, so what the simulator serves for the fields it does not model is checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClioContractTest {

    private static final String ALL_MATTER_FIELDS = allFields("Matter");
    private static final String ALL_CONTACT_FIELDS = allFields("Contact");
    private static final String ALL_ACTIVITY_FIELDS = allFields("Activity");

    private ClioSimulator sim;
    private ClioTestClient client;
    private WebhookReceiver receiver;
    private DemoSeed seed;

    @BeforeAll
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        seed = sim.seedDemoFirm();
        client = new ClioTestClient(sim).authorize();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void matterResponsesMatchTheSpec() throws Exception {
        check("GET", "/matters.json?limit=10&order=" + enc("id(asc)") + "&fields=" + enc(ALL_MATTER_FIELDS), null, 200);
        check("GET", "/matters.json?status=open&updated_since=" + enc("2020-01-01T00:00:00Z"), null, 200);
        check("GET", "/matters.json?fields=" + enc("id,client{id,name,type},practice_area{id,name},"
                + "responsible_attorney{id,name,email}"), null, 200);
        for (Long id : seed.matterIds().subList(0, 8)) {
            check("GET", "/matters/" + id + ".json?fields=" + enc(ALL_MATTER_FIELDS), null, 200);
        }
        check("GET", "/matters/" + seed.matterIds().get(0) + ".json", null, 200);
        check("GET", "/matters/42.json", null, 404);
        check("GET", "/matters.json?limit=0", null, 400);
    }

    @Test
    void whoAmIMatchesTheSpec() throws Exception {
        check("GET", "/users/who_am_i.json?fields=" + enc("id,etag,name,first_name,last_name,email,account_owner,"
                + "enabled,created_at,updated_at"), null, 200);
        check("GET", "/users/who_am_i.json", null, 200);
    }

    @Test
    void contactResponsesMatchTheSpec() throws Exception {
        check("GET", "/contacts.json?limit=5&fields=" + enc(ALL_CONTACT_FIELDS), null, 200);
        check("GET", "/contacts.json?type=Person&fields=" + enc("id,name,company{id,name}"), null, 200);
        for (Long id : seed.companyIds()) {
            check("GET", "/contacts/" + id + ".json?fields=" + enc(ALL_CONTACT_FIELDS), null, 200);
        }
        long person = seed.personIds().get(1);
        Map<String, Object> current = sim.data().contact(person);
        long emailId = ((Number) ((Map<?, ?>) ((List<?>) current.get("email_addresses")).get(0)).get("id")).longValue();
        String body = "{\"data\":{\"first_name\":\"Dan\",\"email_addresses\":[{\"id\":" + emailId
                + ",\"address\":\"dan@northwind.example\",\"default_email\":true},"
                + "{\"name\":\"Home\",\"address\":\"dan@home.example\"}],"
                + "\"phone_numbers\":[{\"name\":\"Work\",\"number\":\"+1 555 0111\"}],"
                + "\"addresses\":[{\"name\":\"Work\",\"street\":\"1 Main St\",\"city\":\"Chicago\","
                + "\"province\":\"IL\",\"postal_code\":\"60601\",\"country\":\"US\"}]}}";
        check("PATCH", "/contacts/" + person + ".json?fields=" + enc(ALL_CONTACT_FIELDS), body, 200,
                "If-Match", (String) current.get("etag"));
        check("PATCH", "/contacts/" + person + ".json", "{\"data\":{\"first_name\":\"Stale\"}}", 412,
                "If-Match", "\"stale\"");
        check("PATCH", "/contacts/" + person + ".json", "{\"data\":{\"email_addresses\":[{\"id\":1}]}}", 422);
        check("GET", "/contacts/7.json", null, 404);
    }

    @Test
    void activityResponsesMatchTheSpec() throws Exception {
        long matter = seed.matterIds().get(0);
        HttpResponse<String> page = check("GET", "/activities.json?type=TimeEntry&limit=3&order=" + enc("id(asc)") + "&fields="
                + enc(ALL_ACTIVITY_FIELDS), null, 200);
        check("GET", "/activities.json?matter_id=" + matter + "&type=TimeEntry&updated_since="
                + enc("2020-01-01T00:00:00Z") + "&fields=" + enc(ALL_ACTIVITY_FIELDS), null, 200);
        check("GET", "/activities.json?type=ExpenseEntry", null, 200);
        List<Long> ids = sim.data().matterActivityIds(matter);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
        for (Long id : ids) {
            check("GET", "/activities/" + id + ".json?fields=" + enc(ALL_ACTIVITY_FIELDS), null, 200);
        }
        Map<String, Object> first = sim.data().activity(ids.get(0));
        check("GET", "/activities/" + ids.get(0) + ".json", null, 304, "If-None-Match", (String) first.get("etag"));
        check("GET", "/activities/9.json", null, 404);
        check("GET", "/activities.json?fields=" + enc("id,hours"), null, 400);
        // quantity is in seconds (minor version 4.0.4 onwards); quantity_in_hours is the same time in hours
        Map<String, Object> row = ClioTestClient.dataList(page).get(0);
        assertThat(((Number) row.get("quantity")).doubleValue() / 3600)
                .isEqualTo(((Number) row.get("quantity_in_hours")).doubleValue(), org.assertj.core.data.Offset.offset(0.0001));
        assertThat(ClioTestClient.json(page)).extractingByKey("meta").asString().contains("next");
    }

    @Test
    void webhookResponsesMatchTheSpec() throws Exception {
        String expires = timestamp(OffsetDateTime.now(ZoneOffset.UTC).plusDays(10));
        HttpResponse<String> created = check("POST", "/webhooks.json", "{\"data\":{\"url\":\"" + receiver.url()
                + "\",\"model\":\"matter\",\"fields\":\"id,etag,status\",\"events\":[\"updated\",\"matter_closed\"],"
                + "\"expires_at\":\"" + expires + "\"}}", 201);
        long id = ((Number) data(created).get("id")).longValue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.webhooks().stream()
                .anyMatch(w -> "enabled".equals(w.get("status"))));
        check("GET", "/webhooks.json", null, 200);
        check("GET", "/webhooks/" + id + ".json", null, 200);
        check("PATCH", "/webhooks/" + id + ".json", "{\"data\":{\"expires_at\":\""
                + timestamp(OffsetDateTime.now(ZoneOffset.UTC).plusDays(20)) + "\"}}", 200);
        check("POST", "/webhooks.json", "{\"data\":{\"url\":\"https://hub.example/hooks\",\"model\":\"contact\","
                + "\"fields\":\"id\",\"expires_at\":\"" + timestamp(OffsetDateTime.now(ZoneOffset.UTC).plusDays(40))
                + "\"}}", 422);
        check("GET", "/webhooks/5.json", null, 404);
        check("DELETE", "/webhooks/" + id + ".json", null, 204);
    }

    @Test
    void noteRequestsAndResponsesMatchTheSpec() throws Exception {
        long matter = seed.matterIds().get(2);
        HttpResponse<String> created = check("POST", "/notes.json?fields=" + enc("id,etag,type,subject,detail,"
                + "detail_text_type,date,created_at,updated_at,time_entries_count,matter{id,display_number}"),
                "{\"data\":{\"type\":\"Matter\",\"matter\":{\"id\":" + matter + "},\"subject\":\"Client approved\","
                + "\"detail\":\"Approved through the portal (action 42)\",\"detail_text_type\":\"plain_text\","
                + "\"date\":\"2025-03-01\"}}", 201);
        long id = ((Number) data(created).get("id")).longValue();
        check("GET", "/notes.json?type=Matter&matter_id=" + matter + "&query=" + enc("action 42"), null, 200);
        check("GET", "/notes.json?type=Matter&fields=" + enc("id,subject,matter{id}") + "&limit=1", null, 200);
        check("GET", "/notes/" + id + ".json", null, 200);
        check("GET", "/notes/" + (id + 1000) + ".json", null, 404);
        check("POST", "/notes.json", "{\"data\":{\"type\":\"Matter\",\"matter\":{\"id\":1},\"subject\":\"x\","
                + "\"detail\":\"y\"}}", 422);
        assertThat(sim.data().matterNotes(matter)).hasSize(1);
    }

    @Test
    void authAndThrottlingErrorsMatchTheSpec() throws Exception {
        String token = client.accessToken;
        client.accessToken = "not-a-token";
        check("GET", "/matters.json", null, 401);
        client.accessToken = token;
        ClioTestClient limited = new ClioTestClient(sim).authorize();
        sim.setRateLimitPerMinute(1);
        try {
            ClioTestClient saved = client;
            client = limited;
            check("GET", "/contacts.json", null, 200);
            check("GET", "/contacts.json", null, 429);
            client = saved;
        } finally {
            sim.setRateLimitPerMinute(0);
        }
    }

    private HttpResponse<String> check(String method, String pathAndQuery, String body, int expectedStatus,
                                       String... headers) throws IOException, InterruptedException {
        HttpResponse<String> response = switch (method) {
            case "GET" -> client.get(pathAndQuery, headers);
            case "POST" -> client.post(pathAndQuery, body, headers);
            case "PATCH" -> client.patch(pathAndQuery, body, headers);
            case "DELETE" -> client.delete(pathAndQuery);
            default -> throw new IllegalArgumentException(method);
        };
        assertThat(response.statusCode()).as(method + " " + pathAndQuery + " -> " + response.body())
                .isEqualTo(expectedStatus);

        List<String> problems = ClioSpec.get().exchangeProblems(method, pathAndQuery, body, client.accessToken, headers,
                response);
        assertThat(problems).as(method + " " + pathAndQuery + " against Clio's OpenAPI").isEmpty();
        return response;
    }

    /** Every top-level field Clio's OpenAPI document lists for {@code resource} (ClioFieldsTest: the list is the spec's). */
    static String allFields(String resource) {
        return ClioFields.spec().kinds(resource).keySet().stream().filter(f -> !f.contains("."))
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static String timestamp(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
