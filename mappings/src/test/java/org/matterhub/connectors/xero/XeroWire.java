package org.matterhub.connectors.xero;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.xero.api.ApiClient;
import com.xero.models.accounting.Contacts;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.Payments;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Golden-fixture reader: a Xero Accounting API response body as the API sends it, read the way the connector reads it
 * (the Xero SDK's object mapper, then the connector's own translation into its records).
 */
public final class XeroWire {

    private static final ObjectMapper SDK = new ApiClient().getObjectMapper();

    private XeroWire() {
    }

    public static List<XeroInvoice> invoices(String resource) {
        return read(resource, Invoices.class).getInvoices().stream().map(XeroModels::invoice).toList();
    }

    public static List<XeroContact> contacts(String resource) {
        return read(resource, Contacts.class).getContacts().stream().map(XeroModels::contact).toList();
    }

    public static List<XeroPayment> payments(String resource) {
        return read(resource, Payments.class).getPayments().stream().map(XeroModels::payment).toList();
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = XeroWire.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            return SDK.readValue(in, type);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable fixture " + resource, e);
        }
    }
}
