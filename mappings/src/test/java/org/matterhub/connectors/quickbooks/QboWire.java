package org.matterhub.connectors.quickbooks;

import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.IntuitResponse;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.serialization.JSONSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Golden-fixture reader: a QuickBooks Online response body as the API sends it, read the way the connector reads it
 * (Intuit's serializer, then the connector's own translation into its records).
 */
public final class QboWire {

    private QboWire() {
    }

    public static QboInvoice invoice(String resource) {
        return QboMapper.invoice((Invoice) entity(resource));
    }

    public static QboPayment payment(String resource) {
        return QboMapper.payment((Payment) entity(resource));
    }

    public static QboCustomer customer(String resource) {
        return QboMapper.customer((Customer) entity(resource));
    }

    private static Object entity(String resource) {
        try (InputStream in = QboWire.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            IntuitResponse response = (IntuitResponse) new JSONSerializer().deserialize(json, IntuitResponse.class);
            return response.getIntuitObject().getValue();
        } catch (IOException | com.intuit.ipp.exception.SerializationException e) {
            throw new IllegalStateException("Unreadable fixture " + resource, e);
        }
    }
}
