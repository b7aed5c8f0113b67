package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/** {@link XeroErrorClassifier} as a table. */
class XeroErrorClassifierTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private final XeroErrorClassifier classifier = new XeroErrorClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

    private static VendorHttpException http(int status, String type, Duration retryAfter) {
        return new VendorHttpException("xero", "GET", "/Invoices", status, Optional.ofNullable(retryAfter), type, "x");
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("I/O", new VendorIoException("xero", "GET", "/Invoices", false, new IOException("reset")),
                        ErrorClass.RETRIABLE),
                Arguments.of("timeout", new VendorIoException("xero", "POST", "/Payments", true,
                        new SocketTimeoutException()), ErrorClass.RETRIABLE),
                Arguments.of("500", http(500, null, null), ErrorClass.RETRIABLE),
                Arguments.of("503", http(503, null, Duration.ofSeconds(5)), ErrorClass.RETRIABLE),
                Arguments.of("408", http(408, null, null), ErrorClass.RETRIABLE),
                Arguments.of("429 minute", http(429, "minute", Duration.ofSeconds(30)), ErrorClass.RETRIABLE),
                Arguments.of("429 concurrent", http(429, "concurrent", Duration.ofSeconds(1)), ErrorClass.RETRIABLE),
                Arguments.of("no permit", new RateLimitTimeoutException("xero:t", Duration.ofSeconds(1),
                        Duration.ofSeconds(3)), ErrorClass.RETRIABLE),
                Arguments.of("garbled 2xx", new VendorResponseException("xero", "GET", "/Invoices", 200,
                        VendorResponseException.Kind.MALFORMED, null), ErrorClass.RETRIABLE),
                Arguments.of("429 day", new XeroDailyLimitException("GET", "/Invoices", NOW.plus(Duration.ofHours(5)),
                        Duration.ofHours(5), true, null), ErrorClass.QUOTA_EXHAUSTED),
                Arguments.of("revoked grant", new XeroReauthorizationRequiredException("POST", "/connect/token", 400,
                        "invalid_grant", null), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("401", http(401, null, null), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("403", http(403, "Forbidden", null), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("400 validation", new XeroValidationException("POST", "/Payments", "ValidationException",
                        List.of("Payment amount exceeds the amount outstanding on this document"), null),
                        ErrorClass.PERMANENT),
                Arguments.of("404", new XeroNotFoundException("GET", "/Invoices/1", "NotFound", null),
                        ErrorClass.PERMANENT),
                Arguments.of("unexpected shape", new VendorResponseException("xero", "GET", "/Invoices", 200,
                        VendorResponseException.Kind.UNEXPECTED_SHAPE, null), ErrorClass.PERMANENT),
                Arguments.of("wrapped I/O", new CompletionException(new VendorIoException("xero", "GET", "/Contacts",
                        false, null)), ErrorClass.RETRIABLE),
                Arguments.of("bug", new NullPointerException(), ErrorClass.PERMANENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifies(String name, Throwable failure, ErrorClass expected) {
        assertThat(classifier.classify(failure)).isEqualTo(expected);
    }

    @Test
    void retryAfterComesFromTheHeaderThePermitWaitOrTheDailyReset() {
        assertThat(classifier.retryAfter(http(429, "minute", Duration.ofSeconds(30)))).hasValue(Duration.ofSeconds(30));
        assertThat(classifier.retryAfter(new RateLimitTimeoutException("xero:t", Duration.ofSeconds(1),
                Duration.ofSeconds(3)))).hasValue(Duration.ofSeconds(3));
        assertThat(classifier.retryAfter(new XeroDailyLimitException("GET", "/Invoices",
                NOW.plus(Duration.ofHours(5)), Duration.ofHours(6), true, null))).hasValue(Duration.ofHours(5));
        assertThat(classifier.retryAfter(http(500, null, null))).isEmpty();
    }

    @Test
    void aValidationFailureKeepsXerosMessages() {
        XeroValidationException e = new XeroValidationException("POST", "/Payments", "ValidationException",
                List.of("Account code '999' is not a valid code for this document.", "Second"), "A validation exception occurred");
        assertThat(e.getMessage()).contains("HTTP 400", "Account code '999' is not a valid code", "Second");
        assertThat(e.validationErrors()).hasSize(2);
    }
}
