package org.matterhub.connectors.imanage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/** {@link ImanageErrorClassifier} as a table. */
class ImanageErrorClassifierTest {

    private final ImanageErrorClassifier classifier = new ImanageErrorClassifier();

    static VendorHttpException http(int status) {
        return new VendorHttpException(ImanageClient.VENDOR, "GET", "/x", status, Optional.empty(), null, null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("I/O failure", new VendorIoException("imanage", "GET", "/x", false, new IOException()), ErrorClass.RETRIABLE),
                Arguments.of("timeout", new VendorIoException("imanage", "GET", "/x", true, new HttpTimeoutException("t")), ErrorClass.RETRIABLE),
                Arguments.of("raw IOException", new IOException("reset"), ErrorClass.RETRIABLE),
                Arguments.of("500", http(500), ErrorClass.RETRIABLE),
                Arguments.of("502", http(502), ErrorClass.RETRIABLE),
                Arguments.of("503", http(503), ErrorClass.RETRIABLE),
                Arguments.of("408", http(408), ErrorClass.RETRIABLE),
                Arguments.of("423 checked out", http(423), ErrorClass.RETRIABLE),
                Arguments.of("429", http(429), ErrorClass.RETRIABLE),
                Arguments.of("no permit in time", new RateLimitTimeoutException("l", Duration.ZERO, Duration.ofSeconds(3)), ErrorClass.RETRIABLE),
                Arguments.of("malformed 2xx", new VendorResponseException("imanage", "GET", "/x", 200, VendorResponseException.Kind.MALFORMED, null), ErrorClass.RETRIABLE),
                Arguments.of("wrapped 503", new CompletionException(http(503)), ErrorClass.RETRIABLE),
                Arguments.of("reauthorize", new ImanageReauthorizationRequiredException("POST", "/auth/oauth2/token", 400, "invalid_grant", null), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("401", http(401), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("403", http(403), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("409", http(409), ErrorClass.CONFLICT),
                Arguments.of("412", http(412), ErrorClass.CONFLICT),
                Arguments.of("400", http(400), ErrorClass.PERMANENT),
                Arguments.of("404", new ImanageNotFoundException("GET", "/x", "NOT_FOUND", null), ErrorClass.PERMANENT),
                Arguments.of("405", http(405), ErrorClass.PERMANENT),
                Arguments.of("415", http(415), ErrorClass.PERMANENT),
                Arguments.of("416", http(416), ErrorClass.PERMANENT),
                Arguments.of("422", http(422), ErrorClass.PERMANENT),
                Arguments.of("unexpected shape", new VendorResponseException("imanage", "GET", "/x", 200, VendorResponseException.Kind.UNEXPECTED_SHAPE, null), ErrorClass.PERMANENT),
                Arguments.of("a bug", new NullPointerException(), ErrorClass.PERMANENT));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("table")
    void classifies(String name, Throwable failure, ErrorClass expected) {
        assertThat(classifier.classify(failure)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "retryAfter of {0}")
    @MethodSource("table")
    void retryAfterOnlyWhereTheVendorOrTheLimiterSaidSo(String name, Throwable failure, ErrorClass ignored) {
        Optional<Duration> expected = failure instanceof RateLimitTimeoutException ? Optional.of(Duration.ofSeconds(3))
                : Optional.empty();
        assertThat(classifier.retryAfter(failure)).isEqualTo(expected);
        VendorHttpException withHeader = new VendorHttpException("imanage", "GET", "/x", 429,
                Optional.of(Duration.ofSeconds(12)), null, null);
        assertThat(classifier.retryAfter(withHeader)).contains(Duration.ofSeconds(12));
    }
}
