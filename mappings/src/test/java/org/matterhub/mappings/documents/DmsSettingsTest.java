package org.matterhub.mappings.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A document-management connection's settings: their bounds, their vendor defaults and their stored form. */
class DmsSettingsTest {

    @ParameterizedTest(name = "matterNumberWidth {0} is accepted")
    @ValueSource(ints = {0, 1, 5, 32})
    void aMatterNumberWidthFromNoPaddingToThirtyTwoDigitsIsAccepted(int width) {
        assertThat(DmsSettings.parse("{\"matterNumberWidth\": " + width + "}").matterNumberWidth()).isEqualTo(width);
    }

    @ParameterizedTest(name = "matterNumberWidth {0} is refused")
    @ValueSource(ints = {-1, 33})
    void aMatterNumberWidthOutsideZeroToThirtyTwoIsRefused(int width) {
        assertThatThrownBy(() -> DmsSettings.parse("{\"matterNumberWidth\": " + width + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matterNumberWidth must be 0–32");
    }

    @Test
    void theDecisionFieldIsTheVendorsUnlessTheFirmNamesOne() {
        assertThat(DmsSettings.parse("{}").decisionFieldOr("comment")).isEqualTo("comment");
        assertThat(DmsSettings.parse("{}").decisionFieldOr(null)).isNull();
        assertThat(DmsSettings.parse("{\"decisionField\": \"custom12\"}").decisionFieldOr("comment")).isEqualTo("custom12");
    }

    @Test
    void aFirmsSettingsSurviveTheirStoredForm() {
        DmsSettings firm = DmsSettings.parse("""
                {"library": "ACTIVE_US", "clientField": "custom3", "matterField": "custom4", "matterSource": "display_number_prefix",
                 "matterNumberWidth": 6, "clients": {"northwind": "Northwind Holdings Ltd"}, "portalFolder": "Shared",
                 "candidateField": "custom9", "candidateValue": "yes", "uploadFolder": "From the client",
                 "categoryField": "class", "categories": {"LTR": "correspondence"}, "requestsPerMinute": 120,
                 "decisionField": "comment"}""");
        String stored = firm.toJson();
        assertThat(stored).contains("\"matterNumberWidth\":6").contains("\"NORTHWIND\":\"Northwind Holdings Ltd\"");
        assertThat(DmsSettings.parse(stored)).isEqualTo(firm).isNotEqualTo(DmsSettings.parse("{}"));
    }
}
