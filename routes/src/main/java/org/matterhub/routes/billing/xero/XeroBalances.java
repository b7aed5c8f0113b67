package org.matterhub.routes.billing.xero;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.connectors.xero.XeroClient;
import org.matterhub.connectors.xero.XeroInvoice;
import org.matterhub.connectors.xero.XeroPage;
import org.matterhub.mappings.billing.Money;
import org.matterhub.routes.billing.BillingBalances;
import org.springframework.stereotype.Component;

/** Every Xero sales invoice's amount due, read a page at a time; only an AUTHORISED invoice owes anything. */
@Component
public class XeroBalances extends XeroAdapter implements BillingBalances {

    private final XeroClients clients;

    public XeroBalances(XeroClients clients) {
        this.clients = clients;
    }

    @Override
    public Map<String, OpenBalance> balances(UUID firmId, UUID connectionId) {
        XeroClient client = clients.client(firmId, connectionId);
        Map<String, OpenBalance> out = new HashMap<>();
        for (int p = 1; ; p++) {
            XeroPage<XeroInvoice> page = client.invoicesModifiedSince(null, p);
            for (XeroInvoice i : page.items()) {
                boolean owes = i.status() == XeroInvoice.Status.AUTHORISED;
                long balance = owes ? Money.of(i.amountDue(), i.currencyCode()).minorUnits() : 0;
                out.put(i.id().toString(), new OpenBalance(i.currencyCode(), balance,
                        i.contactId() == null ? null : i.contactId().toString()));
            }
            if (!page.hasMore()) {
                return out;
            }
        }
    }
}
