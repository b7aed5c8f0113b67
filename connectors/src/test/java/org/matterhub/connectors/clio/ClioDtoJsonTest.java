package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Clio-shaped bodies (names and formats from the OpenAPI document) map onto the DTOs. */
class ClioDtoJsonTest {

    @Test
    void matter() throws Exception {
        String json = """
                {"id":1001,"etag":"\\"abc\\"","number":7,"display_number":"00007-Acme","description":"Lease",
                 "status":"Open","client":{"id":5,"name":"Acme Corp","type":"Company","etag":"\\"x\\""},
                 "practice_area":{"id":3,"name":"Real Estate"},
                 "responsible_attorney":{"id":9,"name":"Jane Roe","email":"jane@firm.example","enabled":true},
                 "open_date":"2025-01-15","pending_date":null,"close_date":null,
                 "created_at":"2025-01-15T09:30:00-05:00","updated_at":"2025-02-01T10:00:00.123Z",
                 "billable":true,"custom_field_values":[]}""";
        ClioMatter m = ClioJson.MAPPER.readValue(json, ClioMatter.class);
        assertThat(m.id()).isEqualTo(1001);
        assertThat(m.etag()).isEqualTo("\"abc\"");
        assertThat(m.displayNumber()).isEqualTo("00007-Acme");
        assertThat(m.client()).isEqualTo(new ClioContactRef(5L, "Acme Corp", "Company"));
        assertThat(m.practiceArea()).isEqualTo(new ClioPracticeAreaRef(3L, "Real Estate"));
        assertThat(m.responsibleAttorney()).isEqualTo(new ClioUserRef(9L, "Jane Roe", "jane@firm.example"));
        assertThat(m.openDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(m.createdAt()).isEqualTo(Instant.parse("2025-01-15T14:30:00Z"));
        assertThat(m.updatedAt()).isEqualTo(Instant.parse("2025-02-01T10:00:00.123Z"));
    }

    @Test
    void contact() throws Exception {
        String json = """
                {"id":5,"etag":"\\"c5\\"","name":"Ada Lovelace","first_name":"Ada","last_name":"Lovelace",
                 "type":"Person","is_client":true,"primary_email_address":"ada@x.example",
                 "company":{"id":2,"name":"Analytical Engines"},
                 "email_addresses":[{"id":11,"address":"ada@x.example","name":"Work","primary":true}],
                 "phone_numbers":[{"id":12,"number":"+1","name":"Work","primary":false}],
                 "addresses":[{"id":13,"street":"1 St","city":"C","province":"P","postal_code":"Z",
                               "country":"US","name":"Home","primary":true}]}""";
        ClioContact c = ClioJson.MAPPER.readValue(json, ClioContact.class);
        assertThat(c.company()).isEqualTo(new ClioContactRef(2L, "Analytical Engines", null));
        assertThat(c.primaryEmail()).map(ClioEmailAddress::id).contains(11L);
        assertThat(c.primaryPhone()).isEmpty();
        assertThat(c.primaryAddress()).map(ClioAddress::postalCode).contains("Z");
    }
}
