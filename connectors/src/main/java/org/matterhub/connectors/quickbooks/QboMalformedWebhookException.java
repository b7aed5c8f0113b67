package org.matterhub.connectors.quickbooks;

/**
 * A webhook body that is neither QBO payload format (legacy {@code eventNotifications} nor a CloudEvents array),
 * or lacks a realm, entity or id. Retrying cannot help: the caller dead-letters the raw body.
 */
public class QboMalformedWebhookException extends IllegalArgumentException {

    public QboMalformedWebhookException(String message) {
        super(message);
    }

    public QboMalformedWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
