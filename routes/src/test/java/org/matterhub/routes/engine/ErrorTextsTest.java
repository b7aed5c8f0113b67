package org.matterhub.routes.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.clio.ClioReauthorizationRequiredException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;

/** What a failure leaves in last_error: the hub's words, a status and a classified reason, never a server's body. */
class ErrorTextsTest {

    /** What a server the admin pointed the hub at could answer, hoping to read it back through the hub. */
    static final String FOREIGN = "ami-id\ninstance-id\niam/security-credentials/role AKIAEXAMPLE secret=xyz";

    @Test
    void aVendorAnswerIsReducedToItsStatusAndCode() {
        var e = new VendorHttpException("clio", "POST", "/oauth/token", 400, Optional.empty(), "invalid_grant", FOREIGN);
        assertThat(e.getMessage()).contains("AKIAEXAMPLE"); // the exception itself still carries it, for the logs
        String text = ErrorTexts.describe(e);
        assertThat(text).isEqualTo("VendorHttpException: clio answered HTTP 400 (invalid_grant)")
                .doesNotContain("AKIA").doesNotContain("secret");
    }

    @Test
    void aCodeThatIsNotACodeIsDropped() {
        var e = new VendorHttpException("imanage", "GET", "/api", 500, Optional.empty(), "<html>" + FOREIGN, FOREIGN);
        assertThat(ErrorTexts.describe(e)).isEqualTo("VendorHttpException: imanage answered HTTP 500")
                .doesNotContain("html");
    }

    @Test
    void wrappedVendorFailuresAreFoundAndReduced() {
        var e = new ClioReauthorizationRequiredException("POST", "/oauth/token", 401, "invalid_grant", FOREIGN);
        String text = ErrorTexts.describe(new CompletionException(new IllegalStateException("poll", e)));
        assertThat(text).contains("answered HTTP 401 (invalid_grant)").doesNotContain("AKIA");
    }

    @Test
    void transportFailuresKeepTheHubsOwnWords() {
        var e = new VendorIoException("clio", "GET", "/api/v4/matters.json", true, null);
        assertThat(ErrorTexts.describe(e)).isEqualTo("VendorIoException: clio GET /api/v4/matters.json timed out");
    }

    @Test
    void foreignLibrariesAreNamedByClassOnly() {
        var sdk = new java.io.UncheckedIOException(new com.fasterxml.jackson.core.JsonParseException(null, FOREIGN));
        assertThat(ErrorTexts.describe(sdk.getCause())).isEqualTo("JsonParseException");
        assertThat(ErrorTexts.describe(new IllegalStateException("No connection 42"))).isEqualTo(
                "IllegalStateException: No connection 42");
    }
}
