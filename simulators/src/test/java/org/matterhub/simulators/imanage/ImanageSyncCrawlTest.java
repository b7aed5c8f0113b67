package org.matterhub.simulators.imanage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.simulators.imanage.ImanageTestClient.json;

class ImanageSyncCrawlTest {

    private ImanageSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    private ImanageTestClient start(boolean tombstones) throws Exception {
        sim = ImanageSimulator.start(ImanageSimulatorOptions.builder().crawlTombstones(tombstones).build());
        return new ImanageTestClient(sim).authorize();
    }

    @Test
    void fullCrawlReturnsEveryDocumentVersionExactlyOnceInChangeOrder() throws Exception {
        ImanageTestClient client = start(false);
        ImanageDemoSeed seed = sim.seedDemoFirm();
        int versions = seed.documentIds().stream().mapToInt(id -> sim.data().versionCount(id)).sum();

        ImanageTestClient.Crawl crawl = client.crawl("documents/crawl", 7, null);

        List<String> ids = crawl.rows().stream().map(r -> (String) r.get("id")).toList();
        assertThat(ids).hasSize(versions).doesNotHaveDuplicates();
        assertThat(crawl.calls()).isEqualTo(versions / 7 + 1);
        List<String> editDates = crawl.rows().stream().map(r -> (String) r.get("edit_date")).toList();
        assertThat(editDates).isSorted();
        assertThat(crawl.rows()).allSatisfy(r -> assertThat(r).containsKeys("custom1", "custom2", "workspace_id"));
    }

    @Test
    void incrementalCrawlFromSavedCursorReturnsOnlyChanges() throws Exception {
        ImanageTestClient client = start(false);
        ImanageDemoSeed seed = sim.seedDemoFirm();
        String cursor = client.crawl("documents/crawl", 100, null).cursor();

        assertThat(client.crawl("documents/crawl", 100, cursor).rows()).isEmpty();

        String doc = seed.documentIds().get(0);
        String v2 = sim.data().addVersion(doc, "second".getBytes());
        String other = seed.documentIds().get(5);
        sim.data().updateProfile(other, "name", "Renamed");
        String portal = seed.matters().get(2).clientPortalFolderId();
        String added = sim.data().putDocument(portal, "New Letter", "txt", "hello".getBytes());

        ImanageTestClient.Crawl inc = client.crawl("documents/crawl", 2, cursor);
        assertThat(inc.rows()).extracting(r -> r.get("id")).containsExactly(v2, other, added);
        assertThat(inc.rows().get(1).get("name")).isEqualTo("Renamed");
        assertThat(client.crawl("documents/crawl", 2, inc.cursor()).rows()).isEmpty();
    }

    @Test
    void deletionsAreInvisibleByDefaultAndTombstonesWhenEnabled() throws Exception {
        ImanageTestClient client = start(false);
        ImanageDemoSeed seed = sim.seedDemoFirm();
        String cursor = client.crawl("documents/crawl", 500, null).cursor();
        String doomed = seed.documentIds().get(1);
        int versions = sim.data().versionCount(doomed);
        sim.data().deleteDocument(doomed);
        assertThat(client.crawl("documents/crawl", 500, cursor).rows()).isEmpty();
        Set<Object> remaining = new HashSet<>(client.crawl("documents/crawl", 500, null).rows().stream()
                .map(r -> r.get("document_number")).toList());
        assertThat(remaining).doesNotContain(Long.parseLong(doomed.replaceAll(".*!(\\d+)\\..*", "$1")));
        sim.close();

        client = start(true);
        seed = sim.seedDemoFirm();
        cursor = client.crawl("documents/crawl", 500, null).cursor();
        sim.data().deleteDocument(seed.documentIds().get(1));
        List<Map<String, Object>> rows = client.crawl("documents/crawl", 500, cursor).rows();
        assertThat(rows).hasSize(versions).allSatisfy(r -> assertThat(r.get("deleted")).isEqualTo(true));
    }

    @Test
    void folderWorkspaceAndParentCrawls() throws Exception {
        ImanageTestClient client = start(false);
        ImanageDemoSeed seed = sim.seedDemoFirm();
        assertThat(client.crawl("workspaces/crawl", 10, null).rows()).hasSize(48);
        List<Map<String, Object>> folders = client.crawl("folders/crawl", 10, null).rows();
        assertThat(folders).hasSize(96).extracting(f -> f.get("name")).containsOnly("Client Portal", "Internal");
        List<Map<String, Object>> parents = client.crawl("documents/parents/search", 50, null).rows();
        assertThat(parents).hasSize(seed.documentIds().size());
        assertThat(parents).filteredOn(p -> p.get("parent_id").equals(seed.matters().get(0).clientPortalFolderId()))
                .hasSize(sim.data().documentIds(seed.matters().get(0).clientPortalFolderId()).size());
    }

    @Test
    void crawlRejectsBadLimitsAndForeignCursors() throws Exception {
        ImanageTestClient client = start(false);
        HttpResponse<String> tooBig = client.post("sync/documents/crawl", "{\"limit\":5000}");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        HttpResponse<String> badCursor = client.post("sync/documents/crawl", "{\"limit\":5,\"cursor\":\"zzz\"}");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(json(badCursor)).containsKey("error");
        HttpResponse<String> empty = client.post("sync/documents/crawl", "{\"limit\":5}");
        assertThat(json(empty)).containsKeys("data", "cursor");
    }
}
