package org.matterhub.routes.billing.xero;

import java.util.List;
import java.util.UUID;
import org.matterhub.connectors.xero.XeroPayment;
import org.matterhub.connectors.xero.XeroPaymentRequest;
import org.matterhub.mappings.xero.XeroBillingMapper;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.PaymentPosting;
import org.springframework.stereotype.Component;

/**
 * Records a payment in Xero: the posting's id is the create's {@code Idempotency-Key}; the note rides in
 * {@code Reference} (at most 255 characters); the money goes to the bank account the connection's settings name
 * ({@code depositAccount}), which Xero requires.
 */
@Component
public class XeroPaymentPosting extends XeroAdapter implements PaymentPosting {

    private final XeroClients clients;

    public XeroPaymentPosting(XeroClients clients) {
        this.clients = clients;
    }

    @Override
    public Posted post(BillingConnections.Accounting a, Order order) {
        String account = a.settings().depositAccount();
        if (account == null || account.isBlank()) {
            throw new IllegalStateException("The Xero connection's settings name no depositAccount (bank account code)"
                    + " to record payments into");
        }
        String note = order.note().length() > 255 ? order.note().substring(0, 255) : order.note();
        XeroPayment p = clients.client(a.connection().firmId(), a.id()).createPayment(order.idempotencyKey(),
                XeroPaymentRequest.toAccountCode(UUID.fromString(order.invoiceExternalId()), account, order.amount(),
                        order.receivedOn(), note));
        return new Posted(p.id().toString(), List.of(XeroBillingMapper.payment(p)));
    }
}
