package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClioContactPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClioContact contact(List<ClioEmailAddress> emails, List<ClioPhoneNumber> phones,
                                       List<ClioAddress> addresses) {
        return new ClioContact(7, "\"e1\"", "Ada Lovelace", "Ada", null, "Lovelace", "Person", true, null, null, null,
                emails, phones, addresses, null, null);
    }

    private static final ClioContact FULL = contact(
            List.of(new ClioEmailAddress(11L, "old@home.example", "Home", false),
                    new ClioEmailAddress(12L, "ada@work.example", "Work", true)),
            List.of(new ClioPhoneNumber(21L, "+1 555 0100", "Work", true)),
            List.of(new ClioAddress(31L, "1 Old St", "Springfield", "IL", "62701", "United States", "Work", true)));

    /** Re-parsed, so that numeric node types (long ids vs parsed ints) do not matter. */
    private static JsonNode normalized(ClioContactPatch patch) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(patch.toRequestBody()));
    }

    @Test
    void updatesThePrimaryItemsById() throws Exception {
        ClioContactPatch patch = ClioContactPatch.of(FULL, "ada@new.example", "+1 555 0199",
                new ClioContactPatch.PostalAddress("2 New Ave", "Springfield", "IL", "62702", "United States"));
        assertThat(patch.isEmpty()).isFalse();
        assertThat(normalized(patch)).isEqualTo(JSON.readTree("""
                {"data":{
                  "email_addresses":[{"id":12,"address":"ada@new.example","default_email":true}],
                  "phone_numbers":[{"id":21,"number":"+1 555 0199","default_number":true}],
                  "addresses":[{"id":31,"street":"2 New Ave","city":"Springfield","province":"IL",
                                "postal_code":"62702","country":"United States"}]
                }}"""));
    }

    @Test
    void createsItemsWhenTheContactHasNoPrimary() throws Exception {
        ClioContact bare = contact(List.of(new ClioEmailAddress(11L, "x@home.example", "Home", false)), List.of(),
                List.of());
        ClioContactPatch patch = ClioContactPatch.of(bare, " ada@new.example ", "+44 20 7946 0000",
                new ClioContactPatch.PostalAddress("10 Downing St", "London", null, "SW1A 2AA", "United Kingdom"));
        assertThat(normalized(patch)).isEqualTo(JSON.readTree("""
                {"data":{
                  "email_addresses":[{"address":"ada@new.example","name":"Other","default_email":true}],
                  "phone_numbers":[{"number":"+44 20 7946 0000","name":"Other","default_number":true}],
                  "addresses":[{"street":"10 Downing St","city":"London","postal_code":"SW1A 2AA",
                                "country":"United Kingdom","name":"Other"}]
                }}"""));
    }

    @Test
    void unchangedValuesAreDroppedSoNothingEchoes() throws Exception {
        ClioContactPatch patch = ClioContactPatch.of(FULL, "ADA@work.example", "+1 555 0100",
                new ClioContactPatch.PostalAddress("1 Old St", "Springfield", "IL", "62701", "United States"));
        assertThat(patch.isEmpty()).isTrue();
        assertThat(normalized(patch)).isEqualTo(JSON.readTree("{\"data\":{}}"));
    }

    @Test
    void onlyTheCorrectedCollectionIsSent() throws Exception {
        ClioContactPatch patch = ClioContactPatch.of(FULL, null, "+1 555 0142", null);
        JsonNode data = patch.toRequestBody().get("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("phone_numbers");
        assertThat(data.get("phone_numbers").get(0).get("id").asLong()).isEqualTo(21);
    }
}
