package org.matterhub.routes.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.matterhub.mappings.billing.BillingSettings;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.quickbooks.QuickBooksBalances;
import org.matterhub.routes.billing.quickbooks.QuickBooksBillingSync;
import org.matterhub.routes.billing.quickbooks.QuickBooksConnect;
import org.matterhub.routes.billing.quickbooks.QuickBooksInvoiceDocuments;
import org.matterhub.routes.billing.quickbooks.QuickBooksPaymentPosting;
import org.matterhub.routes.billing.quickbooks.QuickBooksWebhooks;
import org.matterhub.routes.billing.xero.XeroBalances;
import org.matterhub.routes.billing.xero.XeroBillingSync;
import org.matterhub.routes.billing.xero.XeroConnect;
import org.matterhub.routes.billing.xero.XeroInvoiceDocuments;
import org.matterhub.routes.billing.xero.XeroPaymentPosting;
import org.matterhub.routes.billing.xero.XeroWebhooks;
import org.matterhub.routes.vendor.ConnectionSync;
import org.matterhub.routes.vendor.VendorAdapter;
import org.matterhub.routes.vendor.VendorRegistry;

/** Every accounting vendor implements every billing port once, and says where its account is kept. */
class BillingAdaptersTest {

    private static final List<Class<? extends VendorAdapter>> PORTS = List.of(BillingSync.class, ConnectionSync.class,
            BillingBalances.class, InvoiceDocuments.class, PaymentPosting.class, BillingWebhooks.class, BillingConnect.class);

    private final VendorRegistry registry = new VendorRegistry(List.of(
            new QuickBooksBillingSync(null, null), new QuickBooksBalances(null),
            new QuickBooksInvoiceDocuments(null), new QuickBooksPaymentPosting(null), new QuickBooksWebhooks(null),
            new QuickBooksConnect(null),
            new XeroBillingSync(null, null), new XeroBalances(null), new XeroInvoiceDocuments(null),
            new XeroPaymentPosting(null), new XeroWebhooks(null), new XeroConnect(null)));

    @Test
    void bothVendorsImplementEveryPort() {
        for (SourceSystem vendor : List.of(SourceSystem.QUICKBOOKS, SourceSystem.XERO)) {
            for (Class<? extends VendorAdapter> port : PORTS) {
                assertThat(registry.find(vendor, port)).as(vendor + " " + port.getSimpleName()).isPresent()
                        .get().extracting(VendorAdapter::system).isEqualTo(vendor);
            }
        }
        assertThat(registry.all(BillingSync.class)).extracting(VendorAdapter::system)
                .containsExactly(SourceSystem.QUICKBOOKS, SourceSystem.XERO);
        assertThat(registry.supports("clio", BillingSync.class)).isFalse();
    }

    @Test
    void eachVendorKeepsItsAccountInItsOwnSettingsField() {
        BillingConnect qbo = registry.adapter(SourceSystem.QUICKBOOKS, BillingConnect.class);
        BillingConnect xero = registry.adapter(SourceSystem.XERO, BillingConnect.class);
        BillingSettings settings = qbo.withAccount(xero.withAccount(BillingSettings.parse("{}"),
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301"), "9130354519876543");
        assertThat(qbo.account(settings)).isEqualTo("9130354519876543");
        assertThat(settings.realmId()).isEqualTo("9130354519876543");
        assertThat(xero.account(settings)).isEqualTo("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assertThat(settings.tenantId()).isEqualTo("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assertThat(qbo.accountField()).isEqualTo("realmId");
        assertThat(xero.accountField()).isEqualTo("tenantId");
    }

    @Test
    void eachVendorHasItsConventionalMatterRule() {
        assertThat(registry.adapter(SourceSystem.QUICKBOOKS, BillingSync.class).defaultMatterRule().source())
                .isEqualTo("sub_customer");
        assertThat(registry.adapter(SourceSystem.XERO, BillingSync.class).defaultMatterRule().source())
                .isEqualTo("reference");
    }
}
