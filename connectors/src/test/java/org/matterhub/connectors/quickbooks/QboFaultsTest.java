package org.matterhub.connectors.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.intuit.ipp.data.Error;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.exception.InvalidRequestException;
import com.intuit.ipp.exception.ServiceException;
import com.intuit.ipp.exception.ServiceUnavailableException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/** {@link QboFaults}: the devkit's exceptions, as QBO's faults arrive in them, to the kernel's vocabulary. */
class QboFaultsTest {

    @Test
    void ioFailuresAnywhereInTheChainAreIoAndATimeoutSaysSo() {
        VendorException timeout = translate(new FMSException("read", new SocketTimeoutException("read timed out")));
        assertThat(timeout).isInstanceOfSatisfying(VendorIoException.class, io -> assertThat(io.isTimeout()).isTrue());
        VendorException reset = translate(new FMSException("x", new RuntimeException(new IOException("reset"))));
        assertThat(reset).isInstanceOfSatisfying(VendorIoException.class, io -> assertThat(io.isTimeout()).isFalse());
    }

    @Test
    void aJsonFailureIsAMalformedAnswerNotAnIoError() {
        VendorException e = translate(new FMSException("parse", new JsonParseException(null, "Unexpected character")));
        assertThat(e).isInstanceOfSatisfying(VendorResponseException.class,
                r -> assertThat(r.kind()).isEqualTo(VendorResponseException.Kind.MALFORMED));
    }

    @Test
    void faultCodesDecide() {
        assertThat(http(fault("003001", "ThrottleExceeded", null))).satisfies(f -> {
            assertThat(f.status()).isEqualTo(429);
            assertThat(f.code()).isEqualTo("3001");
        });
        assertThat(http(fault("003200", "AuthenticationFailed", null)).status()).isEqualTo(401);
        assertThat(translate(fault("3100", "AuthorizationFailed", null)))
                .isInstanceOf(QboReauthorizationRequiredException.class);
        assertThat(translate(fault("610", "Object Not Found", null))).isInstanceOf(QboNotFoundException.class);
        assertThat(translate(fault("5010", "Stale Object Error", null))).isInstanceOf(QboStaleObjectException.class);
        assertThat(translate(fault("6240", "Duplicate Name Exists Error", null)))
                .isInstanceOf(QboDuplicateNameException.class);
        assertThat(http(fault("10000", "An application error has occurred", null))).satisfies(f -> {
            assertThat(f.status()).isEqualTo(500);
            assertThat(f.faultType()).isEqualTo("SystemFault");
        });
        assertThat(http(fault("SystemError", "boom", null)).status()).isEqualTo(500);
        QboFaultException validation = http(fault("2020", "Required param missing", "Need CustomerRef"));
        assertThat(validation.status()).isEqualTo(400);
        assertThat(validation.faultType()).isEqualTo("ValidationFault");
        assertThat(validation.code()).isEqualTo("2020");
        assertThat(validation.getMessage()).contains("Required param missing: Need CustomerRef");
        assertThat(http(fault("2020", null, "only the detail")).getMessage()).contains("only the detail");
    }

    @Test
    void exceptionTypesDecideWithoutACode() {
        assertThat(http(new ServiceUnavailableException(List.of(error("10001", "down", null)))).status())
                .isEqualTo(503);
        assertThat(http(new InvalidRequestException("no such entity")).status()).isEqualTo(404);
        QboFaultException unknown = http(new FMSException("something odd"));
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.faultType()).isNull();
        assertThat(unknown.getMessage()).contains("something odd");
        assertThat(QboFaults.code(new FMSException("x"))).isNull();
        assertThat(QboFaults.code(fault("000", "zero", null))).isEqualTo("0");
    }

    /** What the devkit throws for a 401 or 403 without a fault body it could read (the gateway's shape). */
    @Test
    void theDevkitsAuthExceptionsDecideWithoutACode() {
        assertThat(http(new com.intuit.ipp.exception.AuthenticationException("401 from the gateway"))).satisfies(f -> {
            assertThat(f.status()).isEqualTo(401);
            assertThat(f.code()).isEqualTo("3200");
        });
        assertThat(http(new com.intuit.ipp.exception.InvalidTokenException("token expired")).status()).isEqualTo(401);
        assertThat(translate(new com.intuit.ipp.exception.AuthorizationException("403 from the gateway")))
                .isInstanceOfSatisfying(QboReauthorizationRequiredException.class, r -> {
                    assertThat(r.status()).isEqualTo(403);
                    assertThat(r.errorType()).isEqualTo("3100");
                });
    }

    /** The devkit's answer to a 429 without a fault body: a {@code ServiceException} with no error list. */
    @Test
    void aServiceExceptionWithoutACodeIsThrottling() {
        assertThat(http(new ServiceException("Too Many Requests"))).satisfies(f -> {
            assertThat(f.status()).isEqualTo(429);
            assertThat(f.code()).isEqualTo("3001");
        });
        assertThat(http(new ServiceException(List.of(error("10000", "An application error has occurred", null))))
                .status()).isEqualTo(500);
    }

    @Test
    void aFaultWithNeitherCodeNorMessageIsAnUnknownFailure() {
        QboFaultException f = http(fault(null, null, null));
        assertThat(f.status()).isEqualTo(500);
        assertThat(f.faultType()).isNull();
        assertThat(f.code()).isNull();
    }

    /** {@code initCause} refuses only a throwable as its own cause: two exceptions can name each other. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCycleOfCausesEndsTheSearchForAnIoOrJsonFailure() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        QboFaultException f = http(new FMSException("x", a));
        assertThat(f.status()).isEqualTo(500);
        assertThat(f.faultType()).isNull();
    }

    @Test
    void throttlingIsReadFromTheMessageWhenTheCodeIsMissing() {
        assertThat(http(fault(null, "message=ThrottleExceeded; statusCode=429", null)).status()).isEqualTo(429);
        assertThat(http(fault("", "ThrottleExceeded", null)).status()).isEqualTo(429);
    }

    @Test
    void aNonNumericCodeIsASystemFaultOnlyWhenItSaysSo() {
        assertThat(http(fault("BusinessValidationError", "invalid", null))).satisfies(f -> {
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.faultType()).isEqualTo("ValidationFault");
        });
        assertThat(http(fault("9999", "a validation code below the system range", null)).status()).isEqualTo(400);
    }

    private static VendorException translate(FMSException e) {
        return QboFaults.translate("POST", "/v3/company/1/invoice", e);
    }

    private static QboFaultException http(FMSException e) {
        VendorException v = translate(e);
        assertThat(v).isInstanceOf(VendorHttpException.class);
        return (QboFaultException) v;
    }

    private static FMSException fault(String code, String message, String detail) {
        return new FMSException(List.of(error(code, message, detail)));
    }

    private static Error error(String code, String message, String detail) {
        Error e = new Error();
        e.setCode(code);
        e.setMessage(message);
        e.setDetail(detail);
        return e;
    }
}
