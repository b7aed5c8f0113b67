package org.matterhub.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden fixtures under {@code src/test/resources/golden/<vendor>}: a vendor payload as the API (or its simulator)
 * serves it, beside the canonical record expected from it ({@code *.expected.json}), compared as JSON trees.
 */
public final class GoldenFixtures {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private GoldenFixtures() {
    }

    /** The fixture at {@code golden/<path>}. */
    public static JsonNode read(String path) {
        try (InputStream in = GoldenFixtures.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No golden fixture " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payload as the vendor's record type. */
    public static <T> T as(String path, Class<T> type) {
        return convert(read(path), type);
    }

    /** The rows of a payload: its {@code data} array (iManage's envelope) or the payload itself when it is an array. */
    public static <T> List<T> rows(String path, Class<T> type) {
        JsonNode root = read(path);
        JsonNode rows = root.isArray() ? root : root.get("data");
        List<T> out = new ArrayList<>();
        rows.forEach(r -> out.add(convert(r, type)));
        return out;
    }

    /** Asserts that {@code actual}, written as JSON, is the expected record at {@code golden/<expectedPath>}. */
    public static void assertMatches(Object actual, String expectedPath) {
        JsonNode written;
        try {
            // Written and read back, so numbers compare by value whatever their Java type.
            written = JSON.readTree(JSON.writeValueAsString(actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(written).as("canonical record against %s", expectedPath).isEqualTo(read(expectedPath));
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
