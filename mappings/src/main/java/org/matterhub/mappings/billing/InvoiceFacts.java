package org.matterhub.mappings.billing;

import java.util.Map;

/**
 * What an accounting system says about an invoice that can tie it to a matter, in vendor-neutral terms.
 *
 * @param customerName       QuickBooks customer (a sub-customer per matter is common) or Xero contact name
 * @param parentCustomerName the parent customer of a QuickBooks sub-customer (the client), if any
 * @param className          QuickBooks class
 * @param customFields       QuickBooks custom fields by name
 * @param docNumber          QuickBooks DocNumber / Xero InvoiceNumber
 * @param memo               QuickBooks CustomerMemo / PrivateNote
 * @param reference          Xero Reference
 * @param tracking           Xero tracking categories: category name → option
 */
public record InvoiceFacts(String customerName, String parentCustomerName, String className, Map<String, String> customFields,
                           String docNumber, String memo, String reference, Map<String, String> tracking) {

    public InvoiceFacts {
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
        tracking = tracking == null ? Map.of() : Map.copyOf(tracking);
    }
}
