package org.matterhub.connectors.xero;

/**
 * A webhook body (already verified) that is not Xero's payload: not JSON, no {@code events} array, or an event
 * without a valid tenant id, resource id, type or date. Answer it as accepted (the signature was good, a resend
 * would be the same) and dead-letter it for inspection.
 */
public class XeroWebhookParseException extends RuntimeException {

    public XeroWebhookParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
