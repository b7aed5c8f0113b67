package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** An accounting connection's settings: defaults, the round trip through JSON, and what connecting records. */
class BillingSettingsTest {

    @Test
    void emptySettingsAreTheUsualConventions() {
        BillingSettings s = BillingSettings.parse("");
        assertThat(s).isEqualTo(BillingSettings.parse("{}")).isEqualTo(BillingSettings.parse(null));
        assertThat(s.requestsPerMinute()).isZero();
        assertThat(s.requestsPerMinuteOr(500)).isEqualTo(500);
        assertThat(s.invoiceSource()).isTrue();
        assertThat(s.linkByName()).isTrue();
        assertThat(s.customers()).isEmpty();
    }

    @Test
    void aBudgetOfItsOwnReplacesTheVendorsAndANegativeOneIsRefused() {
        assertThat(BillingSettings.parse("{\"requestsPerMinute\":120}").requestsPerMinuteOr(500)).isEqualTo(120);
        assertThat(BillingSettings.parse("{\"requestsPerMinute\":1}").requestsPerMinuteOr(500)).isEqualTo(1);
        assertThatThrownBy(() -> BillingSettings.parse("{\"requestsPerMinute\":-1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customerKeysCompareCaseInsensitivelyAndStripped() {
        BillingSettings s = BillingSettings.parse("{\"customers\":{\"  Northwind LLC \":\"Northwind Traders\"}}");
        assertThat(s.customers()).containsExactly(Map.entry("northwind llc", "Northwind Traders"));
    }

    @Test
    void theJsonRoundTripKeepsEverySetting() {
        String json = "{\"realmId\":\"9130\",\"customers\":{\"a\":\"A Org\"},\"depositAccount\":\"090\","
                + "\"requestsPerMinute\":30,\"invoiceSource\":false,\"linkByName\":false}";
        BillingSettings s = BillingSettings.parse(json);
        BillingSettings back = BillingSettings.parse(s.toJson());
        assertThat(back).isEqualTo(s);
        assertThat(back.invoiceSource()).isFalse();
        assertThat(back.linkByName()).isFalse();
        assertThat(back.depositAccount()).isEqualTo("090");
        assertThat(s.toJson()).contains("\"realmId\":\"9130\"");
    }

    @Test
    void connectingRecordsTheCompanyOrOrganisationAndKeepsTheRest() {
        BillingSettings s = BillingSettings.parse("{\"depositAccount\":\"090\",\"requestsPerMinute\":30,\"linkByName\":false}");
        BillingSettings qbo = s.withRealm("9130");
        assertThat(qbo.realmId()).isEqualTo("9130");
        assertThat(qbo.tenantId()).isNull();
        assertThat(qbo.withRealm(null).realmId()).isNull();
        BillingSettings xero = s.withTenant("t-1");
        assertThat(xero.tenantId()).isEqualTo("t-1");
        assertThat(xero.realmId()).isNull();
        for (BillingSettings b : new BillingSettings[] {qbo, xero}) {
            assertThat(b.depositAccount()).isEqualTo("090");
            assertThat(b.requestsPerMinute()).isEqualTo(30);
            assertThat(b.linkByName()).isFalse();
            assertThat(b.invoiceSource()).isTrue();
        }
    }
}
