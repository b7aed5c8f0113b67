package org.matterhub.portal.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.matterhub.mappings.billing.Money;
import org.matterhub.mappings.billing.MoneyException;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.http.HttpStatus;

class PaymentPostingCheckTest {

    @ParameterizedTest(name = "{0} {1} against {2} {3} with {4} pending: {5}")
    @CsvSource({
            "-5.00,                GBP, GBP, 10000, 0,    NEGATIVE",
            "0,                    GBP, GBP, 10000, 0,    NOT_POSITIVE",
            "0.00,                 GBP, GBP, 10000, 0,    NOT_POSITIVE",
            "1.234,                GBP, GBP, 10000, 0,    TOO_PRECISE",
            "1.5,                  JPY, JPY, 10000, 0,    TOO_PRECISE",
            "99999999999999999999, GBP, GBP, 10000, 0,    OVERFLOW",
            "12,                   XYZ, GBP, 10000, 0,    UNKNOWN_CURRENCY",
            "1e3,                  GBP, GBP, 10000, 0,    MALFORMED",
            "'',                   GBP, GBP, 10000, 0,    MALFORMED",
            "10.00,                USD, GBP, 10000, 0,    CURRENCY_MISMATCH",
            "100.01,               GBP, GBP, 10000, 0,    EXCEEDS_BALANCE",
            "50.01,                GBP, GBP, 10000, 5000, EXCEEDS_BALANCE",
            "0.01,                 GBP, GBP, 10000, 12000, EXCEEDS_BALANCE",
    })
    void refuses(String amount, String currency, String invoiceCurrency, long balance, long pending,
                 MoneyException.Reason reason) {
        assertThatThrownBy(() -> PaymentPostingCheck.check(amount, currency, invoiceCurrency, balance, pending))
                .isInstanceOfSatisfying(MoneyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @ParameterizedTest(name = "{0} {1} against {2} {3} with {4} pending is {5} minor")
    @CsvSource({
            "100.00, GBP, GBP, 10000, 0,    10000",
            "50,     gbp, GBP, 10000, 5000, 5000",
            "0.01,   GBP, GBP, 10000, 9999, 1",
            "1500,   JPY, JPY, 1500,  0,    1500",
            "1.005,  BHD, BHD, 2000,  0,    1005",
    })
    void accepts(String amount, String currency, String invoiceCurrency, long balance, long pending, long minor) {
        Money m = PaymentPostingCheck.check(amount, currency, invoiceCurrency, balance, pending);
        assertThat(m.minorUnits()).isEqualTo(minor);
        assertThat(m.currency().getCurrencyCode()).isEqualTo(invoiceCurrency);
    }

    @Test
    void aRefusalNamesWhatIsPendingWhenThatIsWhyItExceeds() {
        assertThatThrownBy(() -> PaymentPostingCheck.check("60.00", "GBP", "GBP", 10_000, 5_000))
                .hasMessageContaining("50.00 GBP is already recorded and awaiting posting");
    }

    @Test
    void problemsCarryTheReasonAndTheRightStatus() {
        ApiProblem tooPrecise = BillingProblems.of(new MoneyException(MoneyException.Reason.TOO_PRECISE, "x"));
        assertThat(tooPrecise.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooPrecise.getBody().getProperties()).containsEntry("reason", "too_precise");
        ApiProblem malformed = BillingProblems.of(new MoneyException(MoneyException.Reason.MALFORMED, "x"));
        assertThat(malformed.getBody().getProperties()).containsEntry("reason", "malformed_amount");
        ApiProblem exceeds = BillingProblems.of(new MoneyException(MoneyException.Reason.EXCEEDS_BALANCE, "x"));
        assertThat(exceeds.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        for (MoneyException.Reason r : MoneyException.Reason.values()) {
            assertThat(BillingProblems.of(new MoneyException(r, "x")).getBody().getProperties()).containsKey("reason");
        }
    }

    @Test
    void aMissingIntegrationIs503() {
        var factory = new org.springframework.beans.factory.support.StaticListableBeanFactory();
        assertThatThrownBy(() -> BillingProblems.require(factory.getBeanProvider(PaymentLinks.class), "Online payment"))
                .isInstanceOfSatisfying(ApiProblem.class,
                        p -> assertThat(p.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        PaymentLinks links = (firmId, invoiceId) -> java.util.Optional.empty();
        factory.addBean("links", links);
        assertThat(BillingProblems.require(factory.getBeanProvider(PaymentLinks.class), "Online payment")).isSameAs(links);
    }
}
