package org.matterhub.simulators.clio;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.clio.ClioTestClient.data;
import static org.matterhub.simulators.clio.ClioTestClient.dataList;
import static org.matterhub.simulators.clio.ClioTestClient.enc;
import static org.matterhub.simulators.clio.ClioTestClient.json;

/** Index/show behaviour: cursor paging, updated_since, fields, ETags. Read-mostly, one seeded firm. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClioQueryTest {

    private ClioSimulator sim;
    private ClioTestClient client;
    private DemoSeed seed;

    @BeforeAll
    void start() throws Exception {
        sim = ClioSimulator.start(ClioSimulatorOptions.defaults());
        seed = sim.seedDemoFirm();
        client = new ClioTestClient(sim).authorize();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void demoFirmIsSeededAsPromised() {
        assertThat(seed.companyIds()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seed.personIds()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(seed.matterIds()).hasSizeGreaterThanOrEqualTo(44);
        assertThat(sim.data().contact(seed.companyIds().get(0))).containsEntry("name", "Northwind Holdings Ltd");
        assertThat(sim.data().contact(seed.companyIds().get(1))).containsEntry("name", "Bluebird Ventures LLC");
        assertThat(sim.data().contact(seed.personIds().get(0))).containsEntry("primary_email_address",
                "gc@northwind.example");
        assertThat(seed.matterIds().stream().map(id -> sim.data().matter(id).get("status")).distinct())
                .containsExactlyInAnyOrder("Open", "Pending", "Closed");
    }

    @Test
    void aFirmUsersEmailChangeShowsInTheApiWithANewEtag() throws Exception {
        long person = seed.personIds().get(1);
        Map<String, Object> before = sim.data().contact(person);
        sim.data().updateContactPrimaryEmail(person, "changed.by.firm@northwind.example");
        Map<String, Object> after = data(client.get("/contacts/" + person
                + ".json?fields=id,etag,primary_email_address"));
        assertThat(after.get("primary_email_address")).isEqualTo("changed.by.firm@northwind.example");
        assertThat(after.get("etag")).isNotEqualTo(before.get("etag"));
        assertThat(sim.data().contactPatchCount(person)).isZero();
    }

    @Test
    void cursorPaginationWalksEveryMatterExactlyOnce() throws Exception {
        List<Long> seen = new ArrayList<>();
        String url = sim.baseUrl() + "/api/v4/matters.json?order=id(asc)&limit=7&fields=id,etag";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = client.getUrl(url);
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, Object> body = json(r);
            dataList(r).forEach(m -> seen.add(((Number) m.get("id")).longValue()));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) body.get("meta");
            assertThat(meta).containsEntry("records", sim.data().matterCount());
            @SuppressWarnings("unchecked")
            Map<String, Object> paging = (Map<String, Object>) meta.get("paging");
            url = (String) paging.get("next");
            if (url != null) {
                assertThat(url).contains("page_token=").contains("limit=7").contains("fields=id%2Cetag");
            }
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(sim.data().matterIds());
        assertThat(pages).isEqualTo((sim.data().matterCount() + 6) / 7);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paging(HttpResponse<String> r) {
        return (Map<String, Object>) ((Map<String, Object>) json(r).get("meta")).get("paging");
    }

    private static List<Long> ids(HttpResponse<String> r) {
        List<Long> ids = new ArrayList<>();
        dataList(r).forEach(m -> ids.add(((Number) m.get("id")).longValue()));
        return ids;
    }

    /** Clio sends meta.paging.previous whenever a page has one before it, for cursor and offset pages alike. */
    @Test
    void everyPageAfterTheFirstNamesThePreviousOne() throws Exception {
        HttpResponse<String> first = client.get("/matters.json?order=id(asc)&limit=5&fields=id,etag");
        assertThat(paging(first)).doesNotContainKey("previous").containsKey("next");
        HttpResponse<String> second = client.getUrl((String) paging(first).get("next"));
        HttpResponse<String> third = client.getUrl((String) paging(second).get("next"));
        assertThat(ids(client.getUrl((String) paging(second).get("previous")))).isEqualTo(ids(first));
        assertThat(ids(client.getUrl((String) paging(third).get("previous")))).isEqualTo(ids(second));

        HttpResponse<String> offsetFirst = client.get("/matters.json?limit=5&offset=0&fields=id");
        assertThat(paging(offsetFirst)).doesNotContainKey("previous");
        HttpResponse<String> offsetSecond = client.get("/matters.json?limit=5&offset=5&fields=id");
        assertThat(paging(offsetSecond).get("previous")).asString().contains("offset=0");
        assertThat(ids(client.getUrl((String) paging(offsetSecond).get("previous")))).isEqualTo(ids(offsetFirst));
    }

    /** Offset listings sort by any plain field, as Clio's do; a nested one or an unknown one is refused. */
    @Test
    void offsetListingsSortByAnyPlainField() throws Exception {
        HttpResponse<String> r = client.get("/matters.json?order=display_number(desc)&limit=200&offset=0&fields=id,display_number");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        dataList(r).forEach(m -> numbers.add((String) m.get("display_number")));
        assertThat(numbers).hasSize(Math.min(200, sim.data().matterCount()))
                .isSortedAccordingTo(java.util.Comparator.<String>naturalOrder().reversed());
        assertThat(client.get("/matters.json?order=client(asc)&offset=0").statusCode()).isEqualTo(400);
        assertThat(client.get("/matters.json?order=no_such_field(asc)&offset=0").statusCode()).isEqualTo(400);
    }

    @Test
    void defaultPageIs200AndContactsPageToo() throws Exception {
        HttpResponse<String> r = client.get("/contacts.json?limit=4");
        List<Long> seen = new ArrayList<>();
        String next = null;
        do {
            HttpResponse<String> page = next == null ? r : client.getUrl(next);
            dataList(page).forEach(c -> seen.add(((Number) c.get("id")).longValue()));
            @SuppressWarnings("unchecked")
            Map<String, Object> paging = (Map<String, Object>) ((Map<String, Object>) json(page).get("meta"))
                    .get("paging");
            next = (String) paging.get("next");
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(sim.data().contactIds());
        assertThat(dataList(client.get("/matters.json"))).hasSize(sim.data().matterCount());
        assertThat(client.get("/matters.json?limit=201").statusCode()).isEqualTo(400);
        assertThat(client.get("/matters.json?page_token=garbage").statusCode()).isEqualTo(400);
    }

    @Test
    void updatedSinceIsInclusiveAndSeesOnlyLaterChanges() throws Exception {
        long a = seed.matterIds().get(3);
        long b = seed.matterIds().get(9);
        sim.data().updateMatterDescription(a, "Renamed A");
        String since = (String) sim.data().matter(a).get("updated_at");
        sim.data().updateMatterStatus(b, "Closed");

        HttpResponse<String> r = client.get("/matters.json?fields=id,updated_at&updated_since=" + enc(since));
        assertThat(dataList(r)).extracting(m -> ((Number) m.get("id")).longValue()).containsExactly(a, b);
        assertThat(sim.data().matter(b).get("updated_at").toString()).isGreaterThan(since);
        assertThat(client.get("/matters.json?updated_since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void fieldsSelectsTopLevelAndNestedFields() throws Exception {
        long id = seed.matterIds().get(0);
        Map<String, Object> m = data(client.get("/matters/" + id + ".json?fields="
                + enc("id,display_number,client{id,name},practice_area{name},responsible_attorney{name,email}")));
        assertThat(m).containsOnlyKeys("id", "display_number", "client", "practice_area", "responsible_attorney");
        assertThat(ClioTestClient.map(m.get("client"))).containsOnlyKeys("id", "name");
        assertThat(ClioTestClient.map(m.get("practice_area"))).containsOnlyKeys("name");
        assertThat(ClioTestClient.map(m.get("responsible_attorney"))).containsOnlyKeys("name", "email");

        Map<String, Object> defaults = data(client.get("/matters/" + id + ".json"));
        assertThat(defaults).containsKeys("id", "etag").doesNotContainKey("client");

        Map<String, Object> person = data(client.get("/contacts/" + seed.personIds().get(0) + ".json?fields="
                + enc("id,name,company{id,name},email_addresses{address,primary}")));
        assertThat(ClioTestClient.map(person.get("company"))).containsEntry("name", "Northwind Holdings Ltd");
        assertThat(ClioTestClient.list(person.get("email_addresses"))).containsExactly(
                Map.of("address", "gc@northwind.example", "primary", true));

        HttpResponse<String> bad = client.get("/matters.json?fields=id,no_such_field");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ClioTestClient.map(json(bad).get("error"))).containsKeys("type", "message");
    }

    @Test
    void singleRecordsCarryEtagAndHonourIfNoneMatch() throws Exception {
        long id = seed.matterIds().get(5);
        HttpResponse<String> first = client.get("/matters/" + id + ".json?fields=id,etag");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"").isEqualTo(data(first).get("etag"));

        assertThat(client.get("/matters/" + id + ".json", "If-None-Match", etag).statusCode()).isEqualTo(304);
        sim.data().updateMatterDescription(id, "Changed while cached");
        HttpResponse<String> changed = client.get("/matters/" + id + ".json", "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(client.get("/matters/1.json").statusCode()).isEqualTo(404);
    }

    /**
     * Last-Modified is an RFC 9110 IMF-fixdate (two-digit day, GMT) on a day of the month below 10 too, and an
     * If-Modified-Since at that date answers 304.
     */
    @Test
    void lastModifiedIsAnImfFixdateAndIfModifiedSinceHonoursIt() throws Exception {
        long id = seed.matterIds().get(6);
        sim.data().updateMatterDescription(id, "Touched on the seventh");
        HttpResponse<String> first = client.get("/matters/" + id + ".json?fields=id,etag,updated_at");
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(lastModified).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} "
                + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(ClioApi.HTTP_DATE.format(java.time.Instant.parse("2026-12-07T09:05:03Z")))
                .isEqualTo("Mon, 07 Dec 2026 09:05:03 GMT");
        assertThat(client.get("/matters/" + id + ".json", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    }

    @Test
    void deletedMattersDisappear() throws Exception {
        long id = seed.matterIds().get(seed.matterIds().size() - 1);
        sim.data().deleteMatter(id);
        assertThat(client.get("/matters/" + id + ".json").statusCode()).isEqualTo(404);
        assertThat(dataList(client.get("/matters.json?fields=id")))
                .noneMatch(m -> ((Number) m.get("id")).longValue() == id);
    }
}
