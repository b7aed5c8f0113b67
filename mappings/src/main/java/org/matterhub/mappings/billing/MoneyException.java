package org.matterhub.mappings.billing;

/** An amount that cannot be accepted, with a sentence saying why (it becomes the problem's detail). */
public class MoneyException extends IllegalArgumentException {

    /** Why, for machines: the problem's {@code reason}. */
    public enum Reason { UNKNOWN_CURRENCY, TOO_PRECISE, OVERFLOW, NEGATIVE, NOT_POSITIVE, CURRENCY_MISMATCH, EXCEEDS_BALANCE, MALFORMED }

    private final Reason reason;

    public MoneyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
