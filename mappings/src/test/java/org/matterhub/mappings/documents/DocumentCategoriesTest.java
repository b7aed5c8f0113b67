package org.matterhub.mappings.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentCategoriesTest {

    static final DmsSettings FIRM = DmsSettings.parse("{\"categories\": {\"PLEAD\": \"court\", \"ltr\": \"correspondence\", "
            + "\"MISC\": \"financial\"}}");

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            // the firm's table first, case-insensitive
            "PLEAD, Witness statement of J Smith, court",
            "ltr, Draft Agreement, correspondence",
            "Misc, Anything at all, financial",
            // then the built-in rules on class and title
            "null, Engagement Letter NORTHWIND-00001, correspondence",
            "DOC, Draft Agreement NORTHWIND-00003, contracts",
            // a class outside the firm's table still counts: here it decides, the title says nothing
            "AGMT, Scan 0042, contracts",
            "Correspondence, Scan 0043, correspondence",
            "null, Commercial lease renewal, contracts",
            "null, Particulars of claim, court",
            "null, Interim invoice March, financial",
            "null, Board minutes 12 May, corporate",
            "null, Exhibit JS-1 bundle, evidence",
            // and otherwise general
            "null, Research Notes NORTHWIND-00001, general",
            "null, null, general",
    })
    void categorisesConsistently(String profileClass, String title, String expected) {
        assertThat(DocumentCategories.categorise(FIRM, profileClass, title).id()).isEqualTo(expected);
        // The same profile maps to the same category every time, whatever matter it is in.
        assertThat(DocumentCategories.categorise(FIRM, profileClass, title))
                .isEqualTo(DocumentCategories.categorise(FIRM, profileClass, title));
    }
}
