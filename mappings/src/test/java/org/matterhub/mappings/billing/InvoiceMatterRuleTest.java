package org.matterhub.mappings.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoiceMatterRuleTest {

    static final InvoiceFacts QBO_SUB = new InvoiceFacts("00007 Trademark registration", "Northwind Holdings Ltd", "M-00012",
            Map.of("Matter", "00031"), "INV-00044-3", "Re matter 00045: March fees", null, null);
    static final InvoiceFacts QBO_TOP = new InvoiceFacts("Northwind Holdings Ltd", null, null, Map.of(), "1001", null, null, null);
    static final InvoiceFacts XERO = new InvoiceFacts("Bluebird Ventures LLC", null, null, null, "INV-0042", null,
            "Matter 00009 / PO 7781", Map.of("Matter", "00010-Bluebird"));

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(nullValues = "null", value = {
            "sub_customer, null, null, 00007",
            "class, null, null, 00012",
            "custom_field, Matter, null, 00031",
            "doc_number, null, 'INV-(?<matter>[0-9]{5})-', 00044",
            "memo, null, 'matter (?<matter>[0-9]+)', 00045",
    })
    void quickBooksRules(String source, String field, String pattern, String expected) {
        assertThat(new InvoiceMatterRule(source, field, pattern).matterNumber(QBO_SUB)).contains(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(nullValues = "null", value = {
            "reference, null, 'Matter (?<matter>[0-9]+)', 00009",
            "tracking_category, Matter, null, 00010",
            "reference, null, 'Case (?<matter>[0-9]+)', null",
            "tracking_category, Office, null, null",
    })
    void xeroRules(String source, String field, String pattern, String expected) {
        assertThat(new InvoiceMatterRule(source, field, pattern).matterNumber(XERO).orElse(null)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void anInvoiceToTheClientItselfHasNoMatterUnderTheSubCustomerRule() {
        assertThat(new InvoiceMatterRule("sub_customer", null, null).matterNumber(QBO_TOP)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void badRulesAreRefusedWithASentence() {
        assertThatThrownBy(() -> new InvoiceMatterRule("guess", null, null)).hasMessageContaining("source must be one of");
        assertThatThrownBy(() -> new InvoiceMatterRule("custom_field", null, null)).hasMessageContaining("needs the name");
        assertThatThrownBy(() -> new InvoiceMatterRule("memo", null, "([0-9]+")).hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> new InvoiceMatterRule("memo", null, "([0-9]+)")).hasMessageContaining("named group");
    }

    /** The facts are built here, not in a static field, so that their constructor runs under each test. */
    @org.junit.jupiter.api.Test
    void customFieldsAndTrackingAreReadFromTheFactsAndAbsentOnesAreNone() {
        InvoiceFacts qbo = new InvoiceFacts("Northwind Holdings Ltd", null, null, Map.of("Matter", "M-00031"), "1001",
                null, null, null);
        InvoiceFacts xero = new InvoiceFacts("Bluebird Ventures LLC", null, null, null, "INV-0042", null, null,
                Map.of("Matter", "00010-Bluebird"));
        assertThat(new InvoiceMatterRule("custom_field", "Matter", null).matterNumber(qbo)).contains("00031");
        assertThat(new InvoiceMatterRule("tracking_category", "Matter", null).matterNumber(xero)).contains("00010");
        assertThat(new InvoiceMatterRule("custom_field", "Matter", null).matterNumber(xero)).isEmpty();
        assertThat(new InvoiceMatterRule("tracking_category", "Matter", null).matterNumber(qbo)).isEmpty();
        assertThat(xero.customFields()).isEmpty();
        assertThat(qbo.tracking()).isEmpty();
    }

    /** A firm's pattern whose group matches only blanks finds no matter number, not an empty one. */
    @org.junit.jupiter.api.Test
    void aPatternThatMatchesOnlyBlanksFindsNoNumber() {
        InvoiceFacts facts = new InvoiceFacts("Northwind Holdings Ltd", null, null, null, "1001", "Matter: to follow",
                null, null);
        InvoiceMatterRule rule = new InvoiceMatterRule("memo", null, "Matter:(?<matter>[ 0-9]*)");
        assertThat(rule.matterNumber(facts)).isEmpty();
        assertThat(rule.matterNumber(new InvoiceFacts("Northwind Holdings Ltd", null, null, null, "1001",
                "Matter: 0042 fees", null, null))).contains("0042");
    }
}
