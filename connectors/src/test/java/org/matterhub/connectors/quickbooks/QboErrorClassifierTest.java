package org.matterhub.connectors.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.intuit.ipp.exception.AuthenticationException;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.exception.InternalServiceException;
import com.intuit.ipp.exception.ServiceUnavailableException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/** The QBO failure table: devkit exceptions as the devkit raises them, and the client's own exceptions. */
class QboErrorClassifierTest {

    private final QboErrorClassifier classifier = new QboErrorClassifier();

    static List<Arguments> table() {
        return List.of(
                Arguments.of("ValidationFault 5010 (plain FMSException)", fault("5010"), ErrorClass.CONFLICT),
                Arguments.of("ValidationFault 6240 duplicate name", fault("6240"), ErrorClass.PERMANENT),
                Arguments.of("ValidationFault 610 not found", fault("610"), ErrorClass.PERMANENT),
                Arguments.of("ValidationFault 2020 required", fault("2020"), ErrorClass.PERMANENT),
                Arguments.of("ThrottleExceeded 003001", fault("003001"), ErrorClass.RETRIABLE),
                Arguments.of("SystemFault 10000", fault("10000"), ErrorClass.RETRIABLE),
                Arguments.of("AuthenticationFault 3200", new AuthenticationException(List.of(error("3200"))),
                        ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("401 code in a plain fault", fault("3200"), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("AuthorizationFault 3100", fault("3100"), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("500 without a fault body", new InternalServiceException("HTTP 500"), ErrorClass.RETRIABLE),
                Arguments.of("503 without a fault body", new ServiceUnavailableException("HTTP 503"), ErrorClass.RETRIABLE),
                Arguments.of("connection closed before the response",
                        new FMSException("IOException", new NoHttpResponseException("no response")), ErrorClass.RETRIABLE),
                Arguments.of("read timeout", new FMSException("IOException", new SocketTimeoutException("read")),
                        ErrorClass.RETRIABLE),
                Arguments.of("client: stale", new QboStaleObjectException("POST", "invoice", "stale", null), ErrorClass.CONFLICT),
                Arguments.of("client: reauthorization",
                        new QboReauthorizationRequiredException("POST", "/token", 400, "invalid_grant", null),
                        ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of("client: 429", new VendorHttpException("quickbooks", "GET", "/x", 429,
                        Optional.of(Duration.ofSeconds(3)), null, null), ErrorClass.RETRIABLE),
                Arguments.of("client: 502", new VendorHttpException("quickbooks", "GET", "/x", 502,
                        Optional.empty(), null, null), ErrorClass.RETRIABLE),
                Arguments.of("client: 400", new VendorHttpException("quickbooks", "GET", "/x", 400,
                        Optional.empty(), null, null), ErrorClass.PERMANENT),
                Arguments.of("client: I/O", new VendorIoException("quickbooks", "GET", "/x", false, new IOException()),
                        ErrorClass.RETRIABLE),
                Arguments.of("no permit in time", new RateLimitTimeoutException("q", Duration.ZERO, Duration.ofSeconds(1)),
                        ErrorClass.RETRIABLE),
                Arguments.of("malformed 2xx body", new VendorResponseException("quickbooks", "GET", "/x", 200,
                        VendorResponseException.Kind.MALFORMED, null), ErrorClass.RETRIABLE),
                Arguments.of("unexpected 2xx shape", new VendorResponseException("quickbooks", "GET", "/x", 200,
                        VendorResponseException.Kind.UNEXPECTED_SHAPE, null), ErrorClass.PERMANENT),
                Arguments.of("CDC look-back", new QboCdcLookBackExceededException(Instant.EPOCH, Instant.now()),
                        ErrorClass.PERMANENT),
                Arguments.of("malformed webhook", new QboMalformedWebhookException("x"), ErrorClass.PERMANENT),
                Arguments.of("a bug", new NullPointerException(), ErrorClass.PERMANENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifies(String name, Throwable failure, ErrorClass expected) {
        assertThat(classifier.classify(failure)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifiesWrappedAlike(String name, Throwable failure, ErrorClass expected) {
        assertThat(classifier.classify(new java.util.concurrent.CompletionException(failure))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void retryAfterComesFromTheExceptionOrThePermitWait() {
        assertThat(classifier.retryAfter(new VendorHttpException("quickbooks", "GET", "/x", 429,
                Optional.of(Duration.ofSeconds(3)), null, null))).contains(Duration.ofSeconds(3));
        assertThat(classifier.retryAfter(new RateLimitTimeoutException("q", Duration.ZERO, Duration.ofSeconds(2))))
                .contains(Duration.ofSeconds(2));
        assertThat(classifier.retryAfter(fault("5010"))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void devkitFaultsTranslateToTypedExceptions() {
        assertThat(QboFaults.translate("POST", "invoice", fault("5010"))).isInstanceOf(QboStaleObjectException.class);
        assertThat(QboFaults.translate("POST", "customer", fault("6240"))).isInstanceOf(QboDuplicateNameException.class);
        assertThat(QboFaults.translate("GET", "invoice/9", fault("610"))).isInstanceOf(QboNotFoundException.class);
        assertThat(QboFaults.translate("GET", "query", fault("003001")))
                .isInstanceOfSatisfying(QboFaultException.class, f -> {
                    assertThat(f.status()).isEqualTo(429);
                    assertThat(f.code()).isEqualTo("3001");
                });
    }

    static FMSException fault(String code) {
        return new FMSException(List.of(error(code)));
    }

    static com.intuit.ipp.data.Error error(String code) {
        com.intuit.ipp.data.Error e = new com.intuit.ipp.data.Error();
        e.setCode(code);
        e.setMessage("message for " + code);
        e.setDetail("detail for " + code);
        return e;
    }
}
