package org.matterhub.simulators.xero;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /Organisation}: the one organisation of the tenant, in the {@code Organisation} schema of
 * xero_accounting.yaml (the organisation's id is the tenant id, as {@code /connections} reports it). Fields beyond
 * the name, id, status and currency are fixed values of a US law partnership.
 */
final class XeroOrganisation {

    private XeroOrganisation() {
    }

    static Map<String, Object> render(XeroSimulatorData data, Instant createdAt) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("OrganisationID", data.tenantId().toString());
        o.put("Name", data.tenantName());
        o.put("LegalName", data.tenantName());
        o.put("PaysTax", true);
        o.put("Version", "US");
        o.put("OrganisationType", "PARTNERSHIP");
        o.put("BaseCurrency", "USD");
        o.put("CountryCode", "US");
        o.put("IsDemoCompany", false);
        o.put("OrganisationStatus", "ACTIVE");
        o.put("FinancialYearEndDay", 31);
        o.put("FinancialYearEndMonth", 12);
        o.put("SalesTaxBasis", "ACCRUAL");
        o.put("SalesTaxPeriod", "NONE");
        o.put("DefaultSalesTax", "Tax Exclusive");
        o.put("DefaultPurchasesTax", "Tax Exclusive");
        o.put("CreatedDateUTC", XeroStore.msDate(createdAt));
        o.put("Timezone", "EASTERNSTANDARDTIME");
        o.put("OrganisationEntityType", "PARTNERSHIP");
        o.put("ShortCode", "!mhDmo");
        o.put("Class", "PREMIUM");
        o.put("Edition", "BUSINESS");
        o.put("LineOfBusiness", "Legal services");
        return o;
    }
}
