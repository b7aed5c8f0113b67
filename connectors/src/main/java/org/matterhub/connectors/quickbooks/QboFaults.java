package org.matterhub.connectors.quickbooks;

import com.intuit.ipp.exception.AuthenticationException;
import com.intuit.ipp.exception.AuthorizationException;
import com.intuit.ipp.exception.BadRequestException;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.exception.InternalServiceException;
import com.intuit.ipp.exception.InvalidRequestException;
import com.intuit.ipp.exception.InvalidTokenException;
import com.intuit.ipp.exception.SerializationException;
import com.intuit.ipp.exception.ServiceException;
import com.intuit.ipp.exception.ServiceUnavailableException;
import com.intuit.ipp.exception.ValidationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;

/**
 * Turns the devkit's {@link FMSException}s into the kernel's vocabulary.
 *
 * <p>The devkit maps a fault body by its {@code type}: only {@code Validation}, {@code Service},
 * {@code Authentication(Fault)} and {@code Authorization(Fault)} get subclasses, so QBO's {@code ValidationFault}
 * and {@code SystemFault} (and the throttling fault) arrive as a plain {@code FMSException} with the error list;
 * without a fault body it maps the HTTP status (400, 401, 403/404, 500, 503, 429). The status itself is not
 * passed on, so it is inferred here from the subclass and the error code.
 */
final class QboFaults {

    /** Codes of the throttling fault: {@code message=ThrottleExceeded; errorCode=003001; statusCode=429}. */
    static final String THROTTLED = "3001";
    static final String AUTHENTICATION_FAILED = "3200";
    static final String AUTHORIZATION_FAILED = "3100";
    static final String NOT_FOUND = "610";
    static final String STALE_OBJECT = "5010";
    static final String DUPLICATE_NAME = "6240";

    private QboFaults() {
    }

    /** The kernel exception for a devkit failure of {@code method path}. */
    static VendorException translate(String method, String path, FMSException e) {
        IOException io = ioCause(e);
        if (io != null) {
            return new VendorIoException(QboClient.VENDOR, method, path, io instanceof InterruptedIOException, e);
        }
        if (e instanceof SerializationException || jsonCause(e)) {
            return new VendorResponseException(QboClient.VENDOR, method, path, 200,
                    VendorResponseException.Kind.MALFORMED, e);
        }
        String code = code(e);
        String message = message(e);
        if (e instanceof AuthenticationException || e instanceof InvalidTokenException
                || AUTHENTICATION_FAILED.equals(code)) {
            return new QboFaultException(method, path, 401, Optional.empty(), "AuthenticationFault",
                    code == null ? AUTHENTICATION_FAILED : code, message, e);
        }
        if (e instanceof AuthorizationException || AUTHORIZATION_FAILED.equals(code)) {
            return new QboReauthorizationRequiredException(method, path, 403, code == null ? AUTHORIZATION_FAILED : code,
                    message);
        }
        if (THROTTLED.equals(code) || (message != null && message.contains("ThrottleExceeded"))
                || (e instanceof ServiceException && code == null)) {
            return new QboFaultException(method, path, 429, Optional.empty(), "SystemFault", THROTTLED, message, e);
        }
        if (NOT_FOUND.equals(code)) {
            return new QboNotFoundException(method, path, message, e);
        }
        if (STALE_OBJECT.equals(code)) {
            return new QboStaleObjectException(method, path, message, e);
        }
        if (DUPLICATE_NAME.equals(code)) {
            return new QboDuplicateNameException(method, path, message, e);
        }
        if (e instanceof ServiceUnavailableException) {
            return new QboFaultException(method, path, 503, Optional.empty(), "SystemFault", code, message, e);
        }
        if (e instanceof InternalServiceException || e instanceof ServiceException || systemCode(code)) {
            return new QboFaultException(method, path, 500, Optional.empty(), "SystemFault", code, message, e);
        }
        if (e instanceof InvalidRequestException) {
            return new QboFaultException(method, path, 404, Optional.empty(), null, code, message, e);
        }
        if (e instanceof ValidationException || e instanceof BadRequestException || code != null) {
            return new QboFaultException(method, path, 400, Optional.empty(), "ValidationFault", code, message, e);
        }
        return new QboFaultException(method, path, 500, Optional.empty(), null, null, message, e);
    }

    /** The first error's code without leading zeros ({@code 003001} → {@code 3001}), or null. */
    static String code(FMSException e) {
        List<com.intuit.ipp.data.Error> errors = e.getErrorList();
        if (errors == null || errors.isEmpty() || errors.get(0).getCode() == null) {
            return null;
        }
        String c = errors.get(0).getCode().strip();
        String stripped = c.replaceFirst("^0+(?=.)", "");
        return stripped.isEmpty() ? null : stripped;
    }

    private static String message(FMSException e) {
        List<com.intuit.ipp.data.Error> errors = e.getErrorList();
        if (errors == null || errors.isEmpty()) {
            return e.getMessage();
        }
        com.intuit.ipp.data.Error first = errors.get(0);
        String m = first.getMessage();
        String d = first.getDetail();
        return d == null ? m : m == null ? d : m + ": " + d;
    }

    /** SystemFault codes: 10000 and the like (QBO's internal errors), as opposed to validation codes. */
    private static boolean systemCode(String code) {
        if (code == null) {
            return false;
        }
        try {
            return Integer.parseInt(code) >= 10000;
        } catch (NumberFormatException notNumeric) {
            return code.toLowerCase(Locale.ROOT).contains("system");
        }
    }

    private static IOException ioCause(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof IOException io && !isJson(io)) {
                return io;
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof FMSException f && f.getThrowable() != t) {
                next = f.getThrowable();
            }
            t = next;
        }
        return null;
    }

    private static boolean jsonCause(Throwable e) {
        Throwable t = e.getCause();
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (isJson(t)) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static boolean isJson(Throwable t) {
        return t.getClass().getName().startsWith("com.fasterxml.jackson.core.")
                || t.getClass().getName().startsWith("com.fasterxml.jackson.databind.");
    }
}
