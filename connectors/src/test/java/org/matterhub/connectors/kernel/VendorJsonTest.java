package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link VendorJson}: the error bodies the connectors read, as a table, and the success-body exceptions. */
class VendorJsonTest {

    private final VendorJson clio = new VendorJson("clio", "type");
    private final VendorJson documents = new VendorJson("imanage", "code");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "{\"error\":{\"type\":\"RecordNotFound\",\"message\":\"gone\"}}  | clio      | RecordNotFound | gone",
            "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"gone\"}}       | documents | NOT_FOUND      | gone",
            "{\"error\":\"invalid_grant\",\"error_description\":\"revoked\"} | clio      | invalid_grant  | revoked",
            "{\"error\":\"NotFound\",\"message\":\"no such document\"}       | documents | NotFound       | no such document",
            "{\"message\":\"only a message\"}                                | documents | none           | only a message",
            "<html>proxy error</html>                                        | clio      | none           | none",
            "''                                                              | documents | none           | none",
    })
    void readsErrorBodies(String body, String reader, String code, String message) {
        VendorJson json = reader.equals("clio") ? clio : documents;
        VendorJson.ErrorBody error = json.error(body.getBytes(StandardCharsets.UTF_8));
        assertThat(error).isEqualTo(new VendorJson.ErrorBody(code, message));
        assertThat(json.errorCodeAndMessage(body.getBytes(StandardCharsets.UTF_8))).containsExactly(code, message);
    }

    @Test
    void successBodiesThatAreNotJsonAreMalformedAndJsonOfAnotherShapeIsUnexpected() {
        record Doc(String id) {
        }
        assertThat(new JsonResponse(documents, "GET", "/d", 200, "{\"data\":{\"id\":\"7\"}}".getBytes())
                .member("data", Doc.class)).isEqualTo(new Doc("7"));
        assertThatThrownBy(() -> new JsonResponse(documents, "GET", "/d", 200, "<html>".getBytes()).tree())
                .isInstanceOfSatisfying(VendorResponseException.class,
                        e -> assertThat(e.kind()).isEqualTo(VendorResponseException.Kind.MALFORMED));
        assertThatThrownBy(() -> new JsonResponse(documents, "GET", "/d", 201, "{\"data\":[]}".getBytes())
                .member("data", Doc.class)).isInstanceOfSatisfying(VendorResponseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorResponseException.Kind.UNEXPECTED_SHAPE);
                    assertThat(e.status()).isEqualTo(201);
                });
        assertThatThrownBy(() -> new JsonResponse(documents, "GET", "/d", 200, "{\"rows\":{}}".getBytes())
                .list("rows", Doc.class)).isInstanceOf(VendorResponseException.class);
    }
}
