package org.matterhub.mappings.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.mappings.canonical.CanonicalContact;
import org.matterhub.mappings.canonical.CanonicalMatter;
import org.matterhub.mappings.canonical.ContactKind;
import org.matterhub.mappings.canonical.MatterStatus;

/** Golden fixtures: a Clio v4 response body (as the API documents it) beside the canonical record expected. */
class ClioMatterMapperTest {

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void mapsAMatterAsClioReturnsIt() throws Exception {
        ClioMatter clio = json.readValue(getClass().getResource("/golden/clio/matter.json"), ClioMatter.class);
        CanonicalMatter m = ClioMatterMapper.toCanonical(clio);
        assertThat(m.externalId()).isEqualTo("1234");
        assertThat(m.clientExternalId()).isEqualTo("77");
        assertThat(m.displayNumber()).isEqualTo("00012-Northwind");
        assertThat(m.status()).isEqualTo(MatterStatus.OPEN);
        assertThat(m.practiceArea()).isEqualTo("Corporate");
        assertThat(m.responsibleAttorneyEmail()).isEqualTo("hpatel@firm.example");
        assertThat(m.openDate()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(m.sourceUpdatedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
        assertThat(m.etag()).isEqualTo("\"a1b2\"");
    }

    @Test
    void contentHashIgnoresEtagAndTimestampButNotContent() throws Exception {
        ClioMatter clio = json.readValue(getClass().getResource("/golden/clio/matter.json"), ClioMatter.class);
        CanonicalMatter a = ClioMatterMapper.toCanonical(clio);
        CanonicalMatter sameContentNewEtag = new CanonicalMatter(a.externalId(), a.clientExternalId(), a.number(),
                a.displayNumber(), a.description(), a.status(), a.practiceArea(), a.responsibleAttorneyName(),
                a.responsibleAttorneyEmail(), a.openDate(), a.pendingDate(), a.closeDate(), Instant.now(), "\"zz\"");
        CanonicalMatter closed = new CanonicalMatter(a.externalId(), a.clientExternalId(), a.number(),
                a.displayNumber(), a.description(), MatterStatus.CLOSED, a.practiceArea(), a.responsibleAttorneyName(),
                a.responsibleAttorneyEmail(), a.openDate(), a.pendingDate(), a.closeDate(), a.sourceUpdatedAt(), a.etag());
        assertThat(sameContentNewEtag.contentHash()).isEqualTo(a.contentHash());
        assertThat(closed.contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void unknownStatusIsRejectedNotGuessed() {
        assertThatThrownBy(() -> ClioMatterMapper.status("Archived")).hasMessageContaining("Archived");
        assertThat(ClioMatterMapper.status("Pending")).isEqualTo(MatterStatus.PENDING);
        assertThat(ClioMatterMapper.status("Closed")).isEqualTo(MatterStatus.CLOSED);
    }

    @Test
    void mapsAPersonWithTheirCompanyAndPrimaryDetails() throws Exception {
        ClioContact clio = json.readValue(getClass().getResource("/golden/clio/contact-person.json"), ClioContact.class);
        CanonicalContact c = ClioContactMapper.toCanonical(clio);
        assertThat(c.kind()).isEqualTo(ContactKind.PERSON);
        assertThat(c.companyExternalId()).isEqualTo("77");
        assertThat(c.email()).isEqualTo("gc@northwind.example");
        assertThat(c.phone()).isEqualTo("+44 20 7946 0001");
        assertThat(c.address().city()).isEqualTo("London");
        assertThat(c.address().postalCode()).isEqualTo("EC1A 1BB");
    }
}
