package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.mappings.quickbooks.QuickBooksBillingMapper;
import org.matterhub.mappings.xero.XeroBillingMapper;

class InvoiceResolverTest {

    private final UUID northwind = UUID.randomUUID();
    private final UUID bluebird = UUID.randomUUID();
    private final UUID m1 = UUID.randomUUID();
    private final UUID m2 = UUID.randomUUID();
    private final List<InvoiceResolver.Matter> matters = List.of(
            new InvoiceResolver.Matter(m1, "00001", "00001-Northwind", northwind),
            new InvoiceResolver.Matter(m2, "00002", "00002-Bluebird", bluebird));
    private final List<InvoiceResolver.Org> orgs = List.of(new InvoiceResolver.Org(northwind, "Northwind Holdings Ltd"),
            new InvoiceResolver.Org(bluebird, "Bluebird Ventures LLC"));

    private static InvoiceFacts qbo(String customer, String parent) {
        return new InvoiceFacts(customer, parent, null, Map.of(), "INV-1", null, null, Map.of());
    }

    @Test
    void subCustomerPerMatterResolvesMatterAndOrg() {
        InvoiceResolver r = new InvoiceResolver(BillingSettings.parse("{}"), QuickBooksBillingMapper.DEFAULT_MATTER_RULE, matters, orgs);
        UUID org = r.orgOfCustomer("58", "00001 Advice - Northwind #1", "northwind holdings ltd").orElseThrow();
        assertThat(org).isEqualTo(northwind);
        assertThat(r.resolve(qbo("00001 Advice - Northwind #1", "Northwind Holdings Ltd"), org))
                .isEqualTo(new InvoiceResolver.Result(northwind, m1, "00001", null));
    }

    @Test
    void numbersCompareWithoutLeadingZeros() {
        InvoiceResolver r = new InvoiceResolver(BillingSettings.parse("{}"), XeroBillingMapper.DEFAULT_MATTER_RULE, matters, orgs);
        InvoiceFacts facts = new InvoiceFacts("Bluebird Ventures LLC", null, null, Map.of(), "INV-9", null, "Matter 2", Map.of());
        assertThat(r.resolve(facts, bluebird).matterId()).isEqualTo(m2);
    }

    @Test
    void anInvoiceOfOneClientNeverLandsInAnotherClientsMatter() {
        InvoiceResolver r = new InvoiceResolver(BillingSettings.parse("{}"), XeroBillingMapper.DEFAULT_MATTER_RULE, matters, orgs);
        InvoiceFacts facts = new InvoiceFacts("Bluebird Ventures LLC", null, null, Map.of(), "INV-9", null, "00001", Map.of());
        assertThat(r.resolve(facts, bluebird)).isEqualTo(new InvoiceResolver.Result(bluebird, null, "00001", "org_mismatch"));
    }

    @Test
    void unknownNumberOrNoNumberKeepsTheOrgAndSaysWhy() {
        InvoiceResolver r = new InvoiceResolver(BillingSettings.parse("{}"), QuickBooksBillingMapper.DEFAULT_MATTER_RULE, matters, orgs);
        assertThat(r.resolve(qbo("00099 Unknown", "Northwind Holdings Ltd"), northwind))
                .isEqualTo(new InvoiceResolver.Result(northwind, null, "00099", "no_matter"));
        assertThat(r.resolve(qbo("Northwind Holdings Ltd", null), northwind))
                .isEqualTo(new InvoiceResolver.Result(northwind, null, null, "no_number"));
    }

    @Test
    void settingsMapCustomerNamesThatDiffer() {
        BillingSettings s = BillingSettings.parse("{\"customers\":{\"NW Holdings\":\"Northwind Holdings Ltd\"}}");
        InvoiceResolver r = new InvoiceResolver(s, XeroBillingMapper.DEFAULT_MATTER_RULE, matters, orgs);
        assertThat(r.orgOfCustomer("c-1", "nw holdings", null)).contains(northwind);
        assertThat(r.orgOfCustomer("c-2", "Someone Else", null)).isEmpty();
    }

    @Test
    void withoutLinkingByNameOnlyMappedCustomersReachAClient() {
        BillingSettings s = BillingSettings.parse("{\"linkByName\":false,\"customers\":{\"Northwind Holdings Ltd\":\"Northwind Holdings Ltd\"}}");
        InvoiceResolver r = new InvoiceResolver(s, QuickBooksBillingMapper.DEFAULT_MATTER_RULE, matters, orgs);
        assertThat(r.orgOfCustomer("9", "Bluebird Ventures LLC", null)).isEmpty();
        assertThat(r.resolve(qbo("00002 Lease", "Bluebird Ventures LLC"), null))
                .isEqualTo(new InvoiceResolver.Result(null, null, "00002", "unlinked_customer"));
        UUID org = r.orgOfCustomer("8", "00001 Advice", "Northwind Holdings Ltd").orElseThrow();
        assertThat(r.resolve(qbo("00001 Advice", "Northwind Holdings Ltd"), org).matterId()).isEqualTo(m1);
    }

    @Test
    void settingsAreStrict() {
        assertThatThrownBy(() -> BillingSettings.parse("{\"matterRule\":{\"source\":\"colour\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source must be one of");
        assertThatThrownBy(() -> BillingSettings.parse("{\"unknown\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid accounting settings");
        assertThat(BillingSettings.parse("{\"realmId\":\"123\"}").matterRuleOr(QuickBooksBillingMapper.DEFAULT_MATTER_RULE).source()).isEqualTo("sub_customer");
    }

    /** A firm whose invoices carry the matter's display number ("00002-Bluebird") in the reference. */
    @Test
    void anInvoiceFindsItsMatterByTheDisplayNumberToo() {
        BillingSettings s = BillingSettings.parse("{\"matterRule\":{\"source\":\"reference\",\"pattern\":\"(?<matter>[0-9]+-[A-Za-z]+)\"}}");
        InvoiceResolver r = new InvoiceResolver(s, XeroBillingMapper.DEFAULT_MATTER_RULE, List.of(
                new InvoiceResolver.Matter(m1, null, "00001-Northwind", northwind),
                new InvoiceResolver.Matter(m2, "00002", "00002-Bluebird", bluebird)), orgs);
        InvoiceFacts facts = new InvoiceFacts("Bluebird Ventures LLC", null, null, Map.of(), "INV-9", null,
                "For 00002-bluebird", Map.of());
        assertThat(r.resolve(facts, bluebird)).isEqualTo(new InvoiceResolver.Result(bluebird, m2, "00002-bluebird", null));
        InvoiceFacts northwindFacts = new InvoiceFacts("Northwind Holdings Ltd", null, null, Map.of(), "INV-10", null,
                "For 00001-Northwind", Map.of());
        assertThat(r.resolve(northwindFacts, northwind).matterId()).isEqualTo(m1);
    }

    /** A number of zeros is matter 0, not "no number": it neither fails nor lands in a matter without a number. */
    @Test
    void aNumberOfZerosIsMatterZero() {
        UUID zero = UUID.randomUUID();
        UUID unnumbered = UUID.randomUUID();
        InvoiceResolver r = new InvoiceResolver(BillingSettings.parse("{}"), XeroBillingMapper.DEFAULT_MATTER_RULE, List.of(
                new InvoiceResolver.Matter(unnumbered, null, " ", northwind),
                new InvoiceResolver.Matter(zero, "0", "0-Northwind", northwind)), orgs);
        InvoiceFacts facts = new InvoiceFacts("Northwind Holdings Ltd", null, null, Map.of(), "INV-11", null, "Matter 000",
                Map.of());
        assertThat(r.resolve(facts, northwind)).isEqualTo(new InvoiceResolver.Result(northwind, zero, "000", null));
        InvoiceResolver withoutZero = new InvoiceResolver(BillingSettings.parse("{}"), XeroBillingMapper.DEFAULT_MATTER_RULE,
                List.of(new InvoiceResolver.Matter(unnumbered, null, " ", northwind)), orgs);
        assertThat(withoutZero.resolve(facts, northwind))
                .isEqualTo(new InvoiceResolver.Result(northwind, null, "000", "no_matter"));
    }
}
