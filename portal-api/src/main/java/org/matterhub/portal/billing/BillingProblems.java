package org.matterhub.portal.billing;

import java.util.Locale;
import org.matterhub.mappings.billing.MoneyException;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;

/** Billing's problems: each refusal carries a machine-readable {@code reason} beside its sentence. */
final class BillingProblems {

    /** The {@code reason} of a refused firm-recorded payment. */
    enum Reason {
        malformed_amount, too_precise, overflow, negative, not_positive, unknown_currency, currency_mismatch,
        exceeds_balance, invoice_not_payable, no_accounting_connection, received_in_future, no_payment_link
    }

    private BillingProblems() {
    }

    static ApiProblem problem(HttpStatus status, String title, String detail, Reason reason) {
        ApiProblem p = new ApiProblem(status, title, detail);
        p.getBody().setProperty("reason", reason.name());
        return p;
    }

    /** The problem for an amount refused by {@link org.matterhub.mappings.billing.Money} or its checks. */
    static ApiProblem of(MoneyException e) {
        Reason reason = Reason.valueOf(e.reason().name().toLowerCase(Locale.ROOT).replace("malformed", "malformed_amount"));
        return switch (e.reason()) {
            case EXCEEDS_BALANCE -> problem(HttpStatus.CONFLICT, "Exceeds balance", e.getMessage(), reason);
            case CURRENCY_MISMATCH -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "Currency mismatch", e.getMessage(), reason);
            default -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid amount", e.getMessage(), reason);
        };
    }

    /** The bean, or 503 saying which part of the hub is missing. */
    static <T> T require(ObjectProvider<T> provider, String what) {
        T bean = provider.getIfAvailable();
        if (bean == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Billing integration unavailable",
                    what + " is not configured on this hub.");
        }
        return bean;
    }
}
