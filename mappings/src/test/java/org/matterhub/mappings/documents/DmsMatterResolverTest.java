package org.matterhub.mappings.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmsMatterResolverTest {

    static final UUID NW1 = UUID.randomUUID();
    static final UUID NW2 = UUID.randomUUID();
    static final UUID BB7 = UUID.randomUUID();
    static final UUID DUP_A = UUID.randomUUID();
    static final UUID DUP_B = UUID.randomUUID();

    static final List<DmsMatterResolver.PortalMatter> MATTERS = List.of(
            new DmsMatterResolver.PortalMatter(NW1, "1", "00001-Northwind", "Northwind Holdings Ltd"),
            new DmsMatterResolver.PortalMatter(NW2, "2", "00002-Northwind", "Northwind Holdings Ltd"),
            new DmsMatterResolver.PortalMatter(BB7, "7", "00007-Bluebird", "Bluebird Ventures LLC"),
            new DmsMatterResolver.PortalMatter(DUP_A, "90", "L-90", "Northwind Holdings Ltd"),
            new DmsMatterResolver.PortalMatter(DUP_B, "090", "L-090", "Bluebird Ventures LLC"));

    static final DmsSettings MAPPED = DmsSettings.parse("""
            {"clients": {"northwind": "Northwind Holdings Ltd", "BLUEBIRD": "Bluebird Ventures LLC"}}""");

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "NORTHWIND, 00001, RESOLVED, NW1",
            "northwind, 1, RESOLVED, NW1",
            "NORTHWIND, ' 00002 ', RESOLVED, NW2",
            "BLUEBIRD, 00007, RESOLVED, BB7",
            "BLUEBIRD, 00001, CLIENT_MISMATCH, null",
            "CEDARPINE, 00001, CLIENT_MISMATCH, null",
            "null, 00001, MISSING_NUMBERS, null",
            "NORTHWIND, null, MISSING_NUMBERS, null",
            "NORTHWIND, '', MISSING_NUMBERS, null",
            "NORTHWIND, 00099, NO_MATTER, null",
            "NORTHWIND, 0090, NO_MATTER, null",
    })
    void resolvesByTheFirmsSettings(String client, String matter, DmsMatterResolver.Outcome outcome, String expected) {
        DmsMatterResolver.Resolution r = new DmsMatterResolver(MAPPED, MATTERS).resolve(client, matter);
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.matterId()).isEqualTo(expected == null ? null : Map.of("NW1", NW1, "NW2", NW2, "BB7", BB7).get(expected));
        assertThat(r.resolved()).isEqualTo(outcome == DmsMatterResolver.Outcome.RESOLVED);
        assertThat(r.resolved() ? r.detail() : r.detail()).satisfies(d -> {
            if (outcome != DmsMatterResolver.Outcome.RESOLVED) {
                assertThat(d).isNotBlank();
            }
        });
    }

    /** The ids are what {@code dms_document.resolution} stores; its check constraint (V9) allows exactly these. */
    @Test
    void outcomesAreStoredUnderTheIdsTheTableAllows() {
        assertThat(java.util.Arrays.stream(DmsMatterResolver.Outcome.values()).map(DmsMatterResolver.Outcome::id))
                .containsExactly("resolved", "no_matter", "client_mismatch", "missing_numbers");
    }

    @Test
    void aDisplayNumberWithNothingBeforeItsDashGivesNoNumberToFileUnder() {
        UUID dashFirst = UUID.randomUUID();
        UUID blank = UUID.randomUUID();
        UUID spaced = UUID.randomUUID();
        DmsMatterResolver r = new DmsMatterResolver(DmsSettings.parse("{\"matterSource\": \"display_number_prefix\"}"),
                List.of(new DmsMatterResolver.PortalMatter(dashFirst, "41", "-00041", "Northwind Holdings Ltd"),
                        new DmsMatterResolver.PortalMatter(blank, "42", null, "Northwind Holdings Ltd"),
                        new DmsMatterResolver.PortalMatter(spaced, "43", "  -Bluebird", "Bluebird Ventures LLC"),
                        new DmsMatterResolver.PortalMatter(NW1, "1", "00001-Northwind", "Northwind Holdings Ltd")));
        assertThat(r.keysFor(dashFirst)).isEmpty();
        assertThat(r.keysFor(blank)).isEmpty();
        assertThat(r.keysFor(spaced)).isEmpty();
        assertThat(r.keysFor(NW1)).contains(new DmsMatterResolver.DmsKeys(null, "00001"));
        assertThat(r.resolve(null, "-00041").outcome()).isEqualTo(DmsMatterResolver.Outcome.NO_MATTER);
    }

    @Test
    void withoutAClientTableAnyClientNumberIsAccepted() {
        DmsMatterResolver r = new DmsMatterResolver(DmsSettings.parse("{}"), MATTERS);
        assertThat(r.resolve("ANYTHING", "00007").matterId()).isEqualTo(BB7);
        assertThat(r.resolve(null, "00007").matterId()).isEqualTo(BB7);
    }

    @Test
    void anAmbiguousNumberResolvesToNone() {
        DmsMatterResolver.Resolution r = new DmsMatterResolver(DmsSettings.parse("{}"), MATTERS).resolve("X", "90");
        assertThat(r.outcome()).isEqualTo(DmsMatterResolver.Outcome.NO_MATTER);
        assertThat(r.detail()).contains("2 matters");
    }

    @Test
    void displayNumberPrefixMatchesTheDisplayNumber() {
        DmsSettings s = DmsSettings.parse("{\"matterSource\": \"display_number_prefix\"}");
        DmsMatterResolver r = new DmsMatterResolver(s, MATTERS);
        assertThat(r.resolve(null, "00002").matterId()).isEqualTo(NW2);
        assertThat(r.resolve(null, "L").outcome()).isEqualTo(DmsMatterResolver.Outcome.NO_MATTER);
    }

    @Test
    void keysForFileAMatterUnderThePaddedNumberAndItsClient() {
        DmsMatterResolver r = new DmsMatterResolver(MAPPED, MATTERS);
        assertThat(r.keysFor(NW1)).contains(new DmsMatterResolver.DmsKeys("NORTHWIND", "00001"));
        assertThat(r.keysFor(BB7)).contains(new DmsMatterResolver.DmsKeys("BLUEBIRD", "00007"));
        assertThat(r.keysFor(UUID.randomUUID())).isEmpty();
        assertThat(new DmsMatterResolver(DmsSettings.parse("{\"matterNumberWidth\": 0}"), MATTERS).keysFor(NW1))
                .contains(new DmsMatterResolver.DmsKeys(null, "1"));
    }

    @Test
    void settingsHaveDefaultsAndRefuseNonsense() {
        DmsSettings d = DmsSettings.parse("");
        assertThat(d.portalFolder()).isEqualTo("Client Portal");
        assertThat(d.uploadFolder()).isEqualTo("Client uploads");
        assertThat(d.matterNumberWidth()).isEqualTo(5);
        assertThat(d.clientFieldOr("custom1")).isEqualTo("custom1");
        assertThat(d.requestsPerMinuteOr(100)).isEqualTo(100);
        assertThat(DmsSettings.parse("{\"portalFolder\": \"\"}").portalFolder()).isNull();
        assertThat(DmsSettings.parse(d.toJson())).isEqualTo(d);
        assertThatThrownBy(() -> DmsSettings.parse("{\"portalFolderr\": \"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portalFolderr");
        assertThatThrownBy(() -> DmsSettings.parse("{\"categories\": {\"LTR\": \"letters\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters");
        assertThatThrownBy(() -> DmsSettings.parse("{\"clientField\": \"custom1; drop\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DmsSettings.parse("{\"matterSource\": \"guess\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DmsSettings.parse("{\"requestsPerMinute\": -1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DmsSettings.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    }
}
