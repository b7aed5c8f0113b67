package org.matterhub.mappings.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
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

    @Test
    void aValueOfTheWrongTypeIsNamedByItsField() {
        assertThatThrownBy(() -> DmsSettings.parse("{\"requestsPerMinute\":\"many\"}"))
                .hasMessage("Invalid document-system settings: field 'requestsPerMinute' has the wrong type or value.");
        assertThatThrownBy(() -> DmsSettings.parse("{\"clients\":{\"NW\":[1]}}"))
                .hasMessage("Invalid document-system settings: field 'clients.NW' has the wrong type or value.");
    }

    @Test
    void anElementOfAListIsNamedByItsIndex() {
        MismatchedInputException e = MismatchedInputException.from(null, String.class, "not a string");
        e.prependPath(new Object(), 2);
        e.prependPath(new Object(), "matters");
        assertThat(SettingsJson.reason(e)).isEqualTo("field 'matters.[2]' has the wrong type or value.");
    }

    @Test
    void settingsThatAreNoJsonOrNoObjectNameNoField() {
        assertThatThrownBy(() -> DmsSettings.parse("{"))
                .hasMessage("Invalid document-system settings: the settings are not valid JSON.");
        assertThatThrownBy(() -> DmsSettings.parse("[1]"))
                .hasMessageStartingWith("Invalid document-system settings: ").message().doesNotContain("field");
    }

    @Test
    void aFailureOtherThanTheParsersSaysOnlyThatTheSettingsCouldNotBeRead() {
        assertThat(SettingsJson.refused("accounting settings", new IOException("/var/lib/matterhub/secret: denied")))
                .hasMessage("Invalid accounting settings: the settings could not be read.")
                .hasCauseInstanceOf(IOException.class);
    }
}
