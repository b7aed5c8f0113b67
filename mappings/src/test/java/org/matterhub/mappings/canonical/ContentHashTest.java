package org.matterhub.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The content hash is stored beside every synced record and compared on every later read, so its value is a format:
 * pinned here on known inputs (SHA-256 of {@code <length>:<text>|} per part, UTF-8, length in UTF-16 units), not only
 * compared with itself.
 */
class ContentHashTest {

    @Test
    void knownInputsHashToTheirPinnedValues() {
        assertThat(ContentHash.of("ab", "c")).isEqualTo("b5d7228819ade6cbad5b913f334f383c90e29a160b0871ea1b257a8600588f74");
        assertThat(ContentHash.of("a", "bc")).isEqualTo("b44ce7dcd1e61162d9d4d634c69e4bc171bb04e12054bdd240ea1045a5d019fe");
        assertThat(ContentHash.of(null, 123)).isEqualTo("8d4a3c8f88a519c8dc9a829cbe39d8dbe308dc755f18247d20c129ffa93e4bb8");
        assertThat(ContentHash.of("é")).isEqualTo("1fdd589385193b5135a02eb80bb66b53b5169719c2a3b87ad4d6c8572cd00d17");
    }

    @Test
    void partsAreSeparatedAndNullIsNotTheWordNull() {
        assertThat(ContentHash.of("ab", "c")).isNotEqualTo(ContentHash.of("a", "bc")).isNotEqualTo(ContentHash.of("abc"));
        assertThat(ContentHash.of((Object) null)).isNotEqualTo(ContentHash.of("null")).isNotEqualTo(ContentHash.of(""));
        assertThat(ContentHash.of()).hasSize(64);
    }
}
