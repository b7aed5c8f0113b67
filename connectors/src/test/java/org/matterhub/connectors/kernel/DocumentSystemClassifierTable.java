package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classification table a document system without a published error contract answers to (iManage, NetDocuments):
 * the HTTP-generic reading with 423 (checked out, locked) retriable. A vendor's test names its classifier and its
 * own exceptions; the rows and the assertions are shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DocumentSystemClassifierTable {

    /** The classifier under test. */
    protected abstract ErrorClassifier classifier();

    /** The vendor's name in exceptions. */
    protected abstract String vendor();

    /** The vendor's exception for a refused refresh token ({@code invalid_grant}). */
    protected abstract Throwable reauthorization();

    /** The vendor's exception for a 404. */
    protected abstract Throwable notFound();

    private VendorHttpException http(int status) {
        return new VendorHttpException(vendor(), "GET", "/x", status, Optional.empty(), null, null);
    }

    Stream<Arguments> table() {
        String v = vendor();
        return Stream.of(
                Arguments.of("I/O failure", new VendorIoException(v, "GET", "/x", false, new IOException()), ErrorClass.RETRIABLE),
                Arguments.of("timeout", new VendorIoException(v, "GET", "/x", true, new HttpTimeoutException("t")), ErrorClass.RETRIABLE),
                Arguments.of("raw IOException", new IOException("reset"), ErrorClass.RETRIABLE),
                Arguments.of("500", http(500), ErrorClass.RETRIABLE),
                Arguments.of("502", http(502), ErrorClass.RETRIABLE),
                Arguments.of("503", http(503), ErrorClass.RETRIABLE),
                Arguments.of("408", http(408), ErrorClass.RETRIABLE),
                Arguments.of("423 checked out or locked", http(423), ErrorClass.RETRIABLE),
                Arguments.of("429", http(429), ErrorClass.RETRIABLE),
                Arguments.of("no permit in time", new RateLimitTimeoutException("l", Duration.ZERO, Duration.ofSeconds(3)), ErrorClass.RETRIABLE),
                Arguments.of("malformed 2xx", new VendorResponseException(v, "GET", "/x", 200, VendorResponseException.Kind.MALFORMED, null), ErrorClass.RETRIABLE),
                Arguments.of("wrapped 503", new CompletionException(http(503)), ErrorClass.RETRIABLE),
                Arguments.of("reauthorize", reauthorization(), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("401", http(401), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("403", http(403), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("409", http(409), ErrorClass.CONFLICT),
                Arguments.of("412", http(412), ErrorClass.CONFLICT),
                Arguments.of("400", http(400), ErrorClass.PERMANENT),
                Arguments.of("404", notFound(), ErrorClass.PERMANENT),
                Arguments.of("405", http(405), ErrorClass.PERMANENT),
                Arguments.of("415", http(415), ErrorClass.PERMANENT),
                Arguments.of("416", http(416), ErrorClass.PERMANENT),
                Arguments.of("422", http(422), ErrorClass.PERMANENT),
                Arguments.of("unexpected shape", new VendorResponseException(v, "GET", "/x", 200, VendorResponseException.Kind.UNEXPECTED_SHAPE, null), ErrorClass.PERMANENT),
                Arguments.of("a bug", new NullPointerException(), ErrorClass.PERMANENT));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("table")
    void classifies(String name, Throwable failure, ErrorClass expected) {
        assertThat(classifier().classify(failure)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "retryAfter of {0}")
    @MethodSource("table")
    void retryAfterOnlyWhereTheVendorOrTheLimiterSaidSo(String name, Throwable failure, ErrorClass ignored) {
        Optional<Duration> expected = failure instanceof RateLimitTimeoutException ? Optional.of(Duration.ofSeconds(3))
                : Optional.empty();
        assertThat(classifier().retryAfter(failure)).isEqualTo(expected);
        VendorHttpException withHeader = new VendorHttpException(vendor(), "GET", "/x", 429,
                Optional.of(Duration.ofSeconds(12)), null, null);
        assertThat(classifier().retryAfter(withHeader)).contains(Duration.ofSeconds(12));
    }
}
