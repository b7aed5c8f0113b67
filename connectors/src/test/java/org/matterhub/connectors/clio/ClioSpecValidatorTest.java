package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.RecordedRequest;

/** The contract check used by {@link ClioClientTest} does reject what Clio's document forbids. */
class ClioSpecValidatorTest {

    private static RecordedRequest get(String path, String query) {
        return new RecordedRequest("GET", path, query, Map.of("X-api-version", List.of("4.0.9")), "", 200, Instant.now());
    }

    @Test
    void acceptsWhatTheConnectorSends() {
        assertThat(ClioSpecValidator.problems(List.of(
                get("/api/v4/matters.json", "fields=id%2Cetag&order=id%28asc%29&limit=200&updated_since=2025-01-01T00%3A00%3A00Z"))))
                .isEmpty();
    }

    @Test
    void rejectsViolations() {
        assertThat(ClioSpecValidator.problems(List.of(get("/api/v4/matters.json", "order=bogus")))).hasSize(1);
        assertThat(ClioSpecValidator.problems(List.of(get("/api/v4/matters.json", "limit=lots")))).hasSize(1);
        assertThat(ClioSpecValidator.problems(List.of(get("/api/v4/no_such_thing.json", null)))).hasSize(1);
        assertThat(ClioSpecValidator.problems(List.of(new RecordedRequest("PATCH", "/api/v4/contacts/1.json", null,
                Map.of("Content-type", List.of("application/json")), "{\"data\":{\"email_addresses\":[{\"name\":\"Mars\"}]}}",
                200, Instant.now())))).isNotEmpty();
    }
}
