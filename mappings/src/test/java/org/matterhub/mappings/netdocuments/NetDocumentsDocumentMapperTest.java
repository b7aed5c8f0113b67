package org.matterhub.mappings.netdocuments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.matterhub.connectors.netdocuments.NetDocumentsItem;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;

/**
 * Without a version history, a profile records one version: the official one, else the latest, else the profile's
 * {@code version}, else 1 (a profile that names none is a document of one version).
 */
class NetDocumentsDocumentMapperTest {

    @ParameterizedTest(name = "officialVer {0}, latestVersionNumber {1}, version {2} → version {3}")
    @CsvSource(nullValues = "null", value = {
            "2, 3, 1, 2",
            "null, 3, 1, 3",
            "null, null, 4, 4",
            "null, null, null, 1",
    })
    void theRecordedVersionIsTheOfficialOneElseTheNewestKnown(Integer official, Integer latest, Integer version,
                                                             int expected) {
        NetDocumentsItem item = new NetDocumentsItem(new NetDocumentsItem.Standard("4821-7730-1942", "Lease renewal",
                "pdf", "document", 48213L, version, latest, official, "NG-8H5KQ2TZ", null, null,
                Instant.parse("2026-11-18T16:40:00Z"), null, "4821-7730-1001", null, false, false, false), List.of());
        DmsProfile p = NetDocumentsDocumentMapper.profile(item, DmsSettings.parse("{}"), List.of());
        assertThat(p.versions()).singleElement().satisfies(v -> {
            assertThat(v.number()).isEqualTo(expected);
            assertThat(v.fileName()).isEqualTo("Lease renewal.pdf");
        });
        assertThat(p.latestVersion()).isEqualTo(latest == null ? expected : latest);
    }
}
