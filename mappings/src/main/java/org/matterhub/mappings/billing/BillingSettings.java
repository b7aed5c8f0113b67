package org.matterhub.mappings.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A firm's settings for one accounting connection (QuickBooks Online or Xero), kept as JSON in
 * {@code connection.settings}. An empty object is a working configuration for the usual conventions: a QuickBooks
 * sub-customer per matter named after the matter number, a Xero invoice Reference carrying it, customers and contacts
 * named like the client organisations.
 *
 * @param realmId           the QuickBooks company (set when the firm connects; QuickBooks only)
 * @param tenantId          the Xero organisation (set from {@code /connections} when the firm connects; Xero only)
 * @param matterRule        where the matter number is on an invoice; null: the vendor's conventional rule (its
 *                          mapper's {@code DEFAULT_MATTER_RULE}: {@code sub_customer} for QuickBooks,
 *                          {@code reference} for Xero)
 * @param customers         optional map of customer or contact name (or id) → client organisation name, for names
 *                          that differ; keys compare case-insensitively
 * @param depositAccount    where a firm-recorded payment is deposited: a QuickBooks account id (null: QuickBooks's
 *                          Undeposited Funds) or a Xero bank account code (required to record payments in Xero)
 * @param requestsPerMinute the connection's request budget; 0 = the vendor's published limit
 * @param invoiceSource     whether this connection is the firm's invoice source of truth; a firm that also bills in
 *                          Clio sets it on one system only, and invoices of the other are linked, not shown
 * @param linkByName        whether a customer whose name equals a client organisation's belongs to it (default true);
 *                          false: only customers in {@code customers} belong to an organisation, and the invoices of
 *                          any other customer stay with the firm, whatever matter number they carry
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BillingSettings(String realmId, String tenantId, InvoiceMatterRule matterRule, Map<String, String> customers,
                              String depositAccount, Integer requestsPerMinute, Boolean invoiceSource,
                              Boolean linkByName) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public BillingSettings {
        Map<String, String> c = new LinkedHashMap<>();
        if (customers != null) {
            customers.forEach((k, v) -> c.put(k.strip().toLowerCase(Locale.ROOT), v));
        }
        customers = Map.copyOf(c);
        requestsPerMinute = requestsPerMinute == null ? 0 : requestsPerMinute;
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must not be negative");
        }
        invoiceSource = invoiceSource == null || invoiceSource;
        linkByName = linkByName == null || linkByName;
    }

    /** Reads settings JSON; blank or {@code {}} gives the defaults. */
    public static BillingSettings parse(String json) {
        if (json == null || json.isBlank()) {
            json = "{}";
        }
        try {
            return JSON.readValue(json, BillingSettings.class);
        } catch (Exception e) {
            throw org.matterhub.mappings.settings.SettingsJson.refused("accounting settings", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The matter rule the firm chose, or {@code vendorDefault}, the vendor's conventional one. */
    public InvoiceMatterRule matterRuleOr(InvoiceMatterRule vendorDefault) {
        return matterRule != null ? matterRule : vendorDefault;
    }

    public int requestsPerMinuteOr(int vendorDefault) {
        return requestsPerMinute == 0 ? vendorDefault : requestsPerMinute;
    }

    public BillingSettings withRealm(String realm) {
        return new BillingSettings(realm, tenantId, matterRule, customers, depositAccount, requestsPerMinute, invoiceSource,
                linkByName);
    }

    public BillingSettings withTenant(String tenant) {
        return new BillingSettings(realmId, tenant, matterRule, customers, depositAccount, requestsPerMinute, invoiceSource,
                linkByName);
    }
}
