package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

class ClioErrorClassifierTest {

    private final ClioErrorClassifier classifier = new ClioErrorClassifier();

    private static VendorHttpException http(int status) {
        return new VendorHttpException("clio", "GET", "/api/v4/matters.json", status, Optional.empty(), null, null);
    }

    private static VendorHttpException http429(long retryAfterSeconds) {
        return new VendorHttpException("clio", "GET", "/api/v4/matters.json", 429,
                Optional.of(Duration.ofSeconds(retryAfterSeconds)), "RateLimited", "slow down");
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // transport
                Arguments.of("connection refused", new VendorIoException("clio", "GET", "/x", false,
                        new ConnectException("refused")), ErrorClass.RETRIABLE, null),
                Arguments.of("timeout", new VendorIoException("clio", "GET", "/x", true,
                        new HttpTimeoutException("t")), ErrorClass.RETRIABLE, null),
                Arguments.of("raw IOException", new IOException("reset"), ErrorClass.RETRIABLE, null),
                // 5xx
                Arguments.of("500", http(500), ErrorClass.RETRIABLE, null),
                Arguments.of("502", http(502), ErrorClass.RETRIABLE, null),
                Arguments.of("503", http(503), ErrorClass.RETRIABLE, null),
                Arguments.of("504", http(504), ErrorClass.RETRIABLE, null),
                Arguments.of("408", http(408), ErrorClass.RETRIABLE, null),
                // rate limits
                Arguments.of("429 with Retry-After", http429(17), ErrorClass.RETRIABLE, Duration.ofSeconds(17)),
                Arguments.of("429 without Retry-After", http(429), ErrorClass.RETRIABLE, null),
                Arguments.of("no local permit in time", new RateLimitTimeoutException("clio", Duration.ofSeconds(30),
                        Duration.ofSeconds(42)), ErrorClass.RETRIABLE, Duration.ofSeconds(42)),
                // auth
                Arguments.of("invalid_grant", new ClioReauthorizationRequiredException("POST", "/oauth/token", 400,
                        "invalid_grant", "revoked"), ErrorClass.REAUTHORIZATION_REQUIRED, null),
                Arguments.of("401 after refresh", new ClioReauthorizationRequiredException("GET", "/x", 401,
                        "Unauthorized", null), ErrorClass.REAUTHORIZATION_REQUIRED, null),
                Arguments.of("bare 401", http(401), ErrorClass.REAUTHORIZATION_REQUIRED, null),
                Arguments.of("403 missing scope", http(403), ErrorClass.REAUTHORIZATION_REQUIRED, null),
                // conflicts
                Arguments.of("412 stale etag", new ClioPreconditionFailedException("PATCH", "/x", null, null),
                        ErrorClass.CONFLICT, null),
                Arguments.of("409", http(409), ErrorClass.CONFLICT, null),
                // permanent
                Arguments.of("400", http(400), ErrorClass.PERMANENT, null),
                Arguments.of("404 deleted", new ClioNotFoundException("GET", "/x", "RecordNotFound", null),
                        ErrorClass.PERMANENT, null),
                Arguments.of("410 retired version", http(410), ErrorClass.PERMANENT, null),
                Arguments.of("422", http(422), ErrorClass.PERMANENT, null),
                Arguments.of("418", http(418), ErrorClass.PERMANENT, null),
                // bodies
                Arguments.of("200 not JSON", new VendorResponseException("clio", "GET", "/x", 200,
                        VendorResponseException.Kind.MALFORMED, new JsonParseException(null, "x")),
                        ErrorClass.RETRIABLE, null),
                Arguments.of("200 wrong shape", new VendorResponseException("clio", "GET", "/x", 200,
                        VendorResponseException.Kind.UNEXPECTED_SHAPE, null), ErrorClass.PERMANENT, null),
                // wrapped and unknown
                Arguments.of("wrapped 503", new CompletionException(http(503)), ErrorClass.RETRIABLE, null),
                Arguments.of("wrapped 429", new CompletionException(http429(3)), ErrorClass.RETRIABLE,
                        Duration.ofSeconds(3)),
                Arguments.of("bug", new NullPointerException(), ErrorClass.PERMANENT, null),
                Arguments.of("bad argument", new IllegalArgumentException("next page URL is not clio"),
                        ErrorClass.PERMANENT, null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("table")
    void classifies(String name, Throwable failure, ErrorClass expected, Duration retryAfter) {
        assertThat(classifier.classify(failure)).isEqualTo(expected);
        assertThat(classifier.retryAfter(failure)).isEqualTo(Optional.ofNullable(retryAfter));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCycleOfAsyncWrappersEndsAsABug() {
        // initCause refuses only a throwable as its own cause: two wrappers can name each other.
        CompletionException a = new CompletionException("a") {
        };
        CompletionException b = new CompletionException("b", a);
        a.initCause(b);
        assertThat(classifier.classify(a)).isEqualTo(ErrorClass.PERMANENT);
        assertThat(classifier.retryAfter(a)).isEmpty();
    }
}
