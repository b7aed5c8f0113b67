package org.matterhub.connectors.netdocuments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.RecordedRequest;

/** The validator is not vacuous: requests that break NetDocuments' definition are reported. */
class NetDocumentsSpecValidatorTest {

    private static RecordedRequest get(String path, String query, Map<String, List<String>> headers) {
        return new RecordedRequest("GET", path, query, headers, "", 200, Instant.now());
    }

    @Test
    void reportsMissingRequiredParametersAndHeaders() {
        Map<String, List<String>> both = Map.of("Accept", List.of("application/json"),
                "Content-type", List.of("application/json"));
        assertThat(NetDocumentsSpecValidator.problems(List.of(
                get("/v2/container/4821-7730-0001", "select=standardAttributes&top=5", both),
                get("/v1/Repository/CA-8Q2M5T7R/log", "format=json&Logtype=consolidated", both)))).isEmpty();
        assertThat(NetDocumentsSpecValidator.problems(List.of(
                get("/v2/container/4821-7730-0001", "top=5", both)))).isNotEmpty();
        assertThat(NetDocumentsSpecValidator.problems(List.of(
                get("/v1/Repository/CA-8Q2M5T7R/log", "format=json&Logtype=everything", both)))).isNotEmpty();
        assertThat(NetDocumentsSpecValidator.problems(List.of(
                get("/v1/cabinet/NG-4K7P2W9X/info", null, Map.of("Accept", List.of("application/json")))))).isNotEmpty();
        assertThat(NetDocumentsSpecValidator.problems(List.of(get("/v1/Nonsense", null, both)))).isNotEmpty();
    }
}
