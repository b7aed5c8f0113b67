package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The expected side of a golden fixture: canonical billing records written as JSON beside the vendor payload they
 * come from, compared field by field (amounts by value, so {@code 46.0} and {@code 46.00} are the same amount).
 */
public final class GoldenRecords {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).build();

    private GoldenRecords() {
    }

    public static <T> T expected(String resource, Class<T> type) {
        try (InputStream in = open(resource)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable expectation " + resource, e);
        }
    }

    public static <T> List<T> expectedList(String resource, Class<T> type) {
        try (InputStream in = open(resource)) {
            return JSON.readValue(in, JSON.getTypeFactory().constructCollectionType(List.class, type));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable expectation " + resource, e);
        }
    }

    public static void assertSame(Object actual, Object expected) {
        assertThat(actual).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }

    private static InputStream open(String resource) {
        InputStream in = GoldenRecords.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("No expectation " + resource);
        }
        return in;
    }
}
