package org.matterhub.mappings.imanage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;

/** iManage crawl rows (one per version, tombstones) become one vendor-neutral profile per document. */
class ImanageDocumentMapperTest {

    static ImanageDocument row(long number, Integer version, boolean latest, String name, String custom1, String custom2,
                               String docClass, Boolean deleted) {
        return new ImanageDocument("ACTIVE_US!" + number + (version == null ? "" : "." + version), "ACTIVE_US", number,
                version, latest, name, "pdf", 100L + (version == null ? 0 : version), "ACROBAT", docClass, "SCHEN", "SCHEN",
                "SCHEN", null, "application/pdf", custom1, custom2, "ACTIVE_US!4001", "ws", Instant.parse("2026-01-01T00:00:00Z")
                .plusSeconds(version == null ? 0 : version), Instant.parse("2026-01-02T00:00:00Z").plusSeconds(version == null ? 0
                : version), null, false, "document", deleted);
    }

    @Test
    void versionsOfOneDocumentBecomeOneProfileWithTheNewestRowsFields() {
        List<DmsProfile> p = ImanageDocumentMapper.profiles(List.of(
                row(10001, 2, true, "Agreement v2", "NORTHWIND", "00001", "AGMT", null),
                row(10002, 1, true, "Letter", "BLUEBIRD", "00007", "LTR", null),
                row(10001, 1, false, "Agreement", "NORTHWIND", "00001", "AGMT", null)), DmsSettings.parse("{}"));
        assertThat(p).hasSize(2);
        DmsProfile agreement = p.get(0);
        assertThat(agreement.externalId()).isEqualTo("ACTIVE_US!10001");
        assertThat(agreement.title()).isEqualTo("Agreement v2");
        assertThat(agreement.clientNumber()).isEqualTo("NORTHWIND");
        assertThat(agreement.matterNumber()).isEqualTo("00001");
        assertThat(agreement.profileClass()).isEqualTo("AGMT");
        assertThat(agreement.latestVersion()).isEqualTo(2);
        assertThat(agreement.versions()).extracting(DmsProfile.DmsVersion::number).containsExactly(1, 2);
        assertThat(agreement.versions().get(0).fileName()).isEqualTo("Agreement.pdf");
        assertThat(agreement.deleted()).isFalse();
    }

    @Test
    void configuredFieldsCarryTheNumbers() {
        DmsSettings swapped = DmsSettings.parse("{\"clientField\": \"custom2\", \"matterField\": \"custom1\", "
                + "\"categoryField\": \"author\"}");
        DmsProfile p = ImanageDocumentMapper.profiles(List.of(row(1, 1, true, "X", "00003", "CEDARPINE", "DOC", null)),
                swapped).get(0);
        assertThat(p.clientNumber()).isEqualTo("CEDARPINE");
        assertThat(p.matterNumber()).isEqualTo("00003");
        assertThat(p.profileClass()).isEqualTo("SCHEN");
    }

    @Test
    void aDocumentTombstoneDeletesButAVersionTombstoneDoesNot() {
        List<DmsProfile> p = ImanageDocumentMapper.profiles(List.of(
                row(7, null, false, null, null, null, null, true),
                row(8, 3, false, null, null, null, null, true)), DmsSettings.parse("{}"));
        assertThat(p).hasSize(1);
        assertThat(p.get(0).externalId()).isEqualTo("ACTIVE_US!7");
        assertThat(p.get(0).deleted()).isTrue();
    }

    @Test
    void anImanageDocumentIsKeyedWithoutItsVersion() {
        ImanageDocument d = new ImanageDocument("ACTIVE_US!10042.1", "ACTIVE_US", 10042L, 1, true, "Scan", "pdf", 10L,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(ImanageDocumentMapper.key(d)).isEqualTo("ACTIVE_US!10042");
        ImanageDocument idOnly = new ImanageDocument("ACTIVE_US!77.3", null, null, 3, true, "Scan", "pdf", 10L,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(ImanageDocumentMapper.key(idOnly)).isEqualTo("ACTIVE_US!77");
    }

    /** A row that lacks its database or its document number is keyed from its id, never as {@code null!…} or {@code …!null}. */
    @Test
    void aRowWithoutDatabaseOrDocumentNumberIsKeyedFromItsId() {
        assertThat(ImanageDocumentMapper.key(keyed("ACTIVE_US!453.2", null, 453L))).isEqualTo("ACTIVE_US!453");
        assertThat(ImanageDocumentMapper.key(keyed("ACTIVE_US!453.2", "ACTIVE_US", null))).isEqualTo("ACTIVE_US!453");
        assertThat(ImanageDocumentMapper.key(keyed("ACTIVE_US!453", null, null))).isEqualTo("ACTIVE_US!453");
    }

    /** Only a dot after the document number starts a version: an id that starts with one keeps it. */
    @Test
    void anIdWithNothingBeforeItsDotIsKeptWhole() {
        assertThat(ImanageDocumentMapper.key(keyed(".3", null, null))).isEqualTo(".3");
        assertThat(ImanageDocumentMapper.key(keyed("LEGACY.3", null, null))).isEqualTo("LEGACY");
    }

    private static ImanageDocument keyed(String id, String database, Long documentNumber) {
        return new ImanageDocument(id, database, documentNumber, 2, true, "Scan", "pdf", 10L,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
