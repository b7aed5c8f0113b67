package org.matterhub.routes.billing.quickbooks;

import org.matterhub.connectors.quickbooks.QboPayment;
import org.matterhub.connectors.quickbooks.QboPaymentRequest;
import org.matterhub.mappings.quickbooks.QuickBooksBillingMapper;
import org.matterhub.routes.billing.BillingConnections;
import org.matterhub.routes.billing.PaymentPosting;
import org.springframework.stereotype.Component;

/**
 * Records a payment in QuickBooks: the posting's id is the create's {@code requestid}, so QuickBooks answers a retry
 * with the payment it already made; the note rides in {@code PrivateNote}. The deposit account is QuickBooks's
 * Undeposited Funds.
 */
@Component
public class QuickBooksPaymentPosting extends QuickBooksAdapter implements PaymentPosting {

    private final QuickBooksClients clients;

    public QuickBooksPaymentPosting(QuickBooksClients clients) {
        this.clients = clients;
    }

    @Override
    public Posted post(BillingConnections.Accounting a, Order order) {
        QboPayment p = clients.client(a.connection().firmId(), a.id()).createPayment(order.idempotencyKey(),
                new QboPaymentRequest(order.customerExternalId(), order.invoiceExternalId(), order.amount(),
                        order.currency(), order.receivedOn(), null, order.note()));
        return new Posted(p.id(), QuickBooksBillingMapper.payments(p));
    }
}
