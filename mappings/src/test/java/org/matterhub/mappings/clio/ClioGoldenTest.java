package org.matterhub.mappings.clio;

import static org.matterhub.mappings.GoldenFixtures.as;
import static org.matterhub.mappings.GoldenFixtures.assertMatches;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioMatter;

/**
 * Golden fixtures: Clio v4 contact and matter bodies (fields as the API documents them) beside the whole canonical
 * record expected, so that every field of the mapping is checked, not only the ones a test happens to read.
 */
class ClioGoldenTest {

    /** A company (its own name, no first or last), and a person whose response carried no {@code name} field. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"contact-company", "contact-person-without-name"})
    void contacts(String fixture) {
        assertMatches(ClioContactMapper.toCanonical(as("clio/" + fixture + ".json", ClioContact.class)),
                "clio/" + fixture + ".expected.json");
    }

    /** An open matter with every field, and a pending one with no number, client, practice area or attorney yet. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"matter", "matter-pending"})
    void matters(String fixture) {
        assertMatches(ClioMatterMapper.toCanonical(as("clio/" + fixture + ".json", ClioMatter.class)),
                "clio/" + fixture + ".expected.json");
    }
}
