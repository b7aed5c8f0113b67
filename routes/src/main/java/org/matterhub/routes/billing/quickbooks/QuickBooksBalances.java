package org.matterhub.routes.billing.quickbooks;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.quickbooks.QboClient;
import org.matterhub.connectors.quickbooks.QboInvoice;
import org.matterhub.connectors.quickbooks.QboPage;
import org.matterhub.mappings.billing.Money;
import org.matterhub.routes.billing.BillingBalances;
import org.springframework.stereotype.Component;

/** Every QuickBooks invoice's balance, read by query pages; a voided invoice owes nothing. */
@Component
public class QuickBooksBalances extends QuickBooksAdapter implements BillingBalances {

    private final QuickBooksClients clients;

    public QuickBooksBalances(QuickBooksClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, OpenBalance> balances(UUID firmId, UUID connectionId) {
        QboClient client = clients.client(firmId, connectionId);
        Map<String, OpenBalance> out = new HashMap<>();
        int start = 1;
        while (true) {
            QboPage<QboInvoice> page = client.invoices(start, QuickBooksBillingSync.PAGE);
            for (QboInvoice i : page.items()) {
                long balance = i.voided() ? 0 : Money.of(i.balance(), i.currency()).minorUnits();
                out.put(i.id(), new OpenBalance(i.currency(), balance, i.customerId()));
            }
            if (!page.hasMore()) {
                return out;
            }
            start = page.nextStartPosition();
        }
    }
}
