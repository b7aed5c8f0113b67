package org.matterhub.mappings.settings;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.documents.DmsSettings;

/** Refused settings say what to fix, never the parser's words (class names, source excerpts, library names). */
class SettingsJsonTest {

    @Test
    void theParsersMessagesStayInside() {
        for (String json : new String[] {"{\"zz\":1}", "{\"requestsPerMinute\":\"many\"}", "{", "[1]", "{\"customers\":[1]}"}) {
            assertThatThrownBy(() -> BillingSettings.parse(json)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid accounting settings: ")
                    .message().doesNotContain("org.matterhub").doesNotContain("jackson").doesNotContain("Source")
                    .doesNotContain("\n");
            assertThatThrownBy(() -> DmsSettings.parse(json)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid document-system settings: ")
                    .message().doesNotContain("org.matterhub").doesNotContain("jackson").doesNotContain("Source")
                    .doesNotContain("\n");
        }
    }

    @Test
    void unknownFieldsAndTheSettingsOwnChecksAreNamed() {
        assertThatThrownBy(() -> DmsSettings.parse("{\"zz\":1}")).hasMessageContaining("unknown field 'zz'");
        assertThatThrownBy(() -> BillingSettings.parse("{\"requestsPerMinute\":-1}"))
                .hasMessageContaining("requestsPerMinute must not be negative");
    }
}
