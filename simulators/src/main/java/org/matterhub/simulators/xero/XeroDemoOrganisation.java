package org.matterhub.simulators.xero;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo organisation: the three Clio demo companies as client contacts (ContactNumber = Clio client id
 * convention {@code CLIO-<n>}), and five ACCREC invoices whose {@code Reference} is a demo matter number
 * of that client ({@code 00001-Northwind}…, as {@link org.matterhub.simulators.common.DemoMatters} spreads matters over
 * clients): paid, part-paid, overdue, voided and open. Dates are fixed except the open
 * invoice's due date (today + 30 days), so the overdue/open split holds on any day.
 */
final class XeroDemoOrganisation {

    private XeroDemoOrganisation() {
    }

    static XeroDemoSeed seed(XeroSimulatorData data) {
        List<UUID> contacts = new ArrayList<>();
        String[][] clients = {
            {"Northwind Holdings Ltd", "CLIO-1", "billing@northwind.example"},
            {"Bluebird Ventures LLC", "CLIO-2", "ap@bluebird.example"},
            {"Cedar & Pine Bakery Co", "CLIO-3", "owner@cedarpine.example"},
        };
        for (String[] c : clients) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("Name", c[0]);
            in.put("ContactNumber", c[1]);
            in.put("EmailAddress", c[2]);
            contacts.add(UUID.fromString((String) data.upsertContact(in, true).get("ContactID")));
        }
        UUID paid = data.authorisedInvoice(contacts.get(0), "00001-Northwind", "2026-01-05", "2026-02-04", "Engagement retainer", "1500.00");
        data.createPayment(payment(paid, "1500.00", "2026-01-20", "Wire NW-0001"));
        UUID partPaid = data.authorisedInvoice(contacts.get(1), "00003-Bluebird", "2026-02-02", "2026-03-04", "Contract review", "2400.00");
        data.createPayment(payment(partPaid, "1000.00", "2026-02-20", "Cheque 1042"));
        UUID overdue = data.authorisedInvoice(contacts.get(2), "00005-CedarPine", "2026-03-01", "2026-03-31", "Lease negotiation", "875.50");
        UUID voided = data.authorisedInvoice(contacts.get(0), "00002-Northwind", "2026-03-10", "2026-04-09", "Billed in error", "300.00");
        Map<String, Object> voidIt = new LinkedHashMap<>();
        voidIt.put("InvoiceID", voided.toString());
        voidIt.put("Status", "VOIDED");
        data.upsertInvoice(voidIt, false);
        UUID open = data.authorisedInvoice(contacts.get(1), "00004-Bluebird", "2026-04-01",
                LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(), "Board minutes", "640.00");
        return new XeroDemoSeed(data.tenantId(), List.copyOf(contacts), paid, partPaid, overdue, voided, open,
                List.of(paid, partPaid, overdue, voided, open));
    }

    /**
     * {@code count} more AUTHORISED ACCREC invoices (for backfill benchmarks), spread over the existing contacts,
     * references {@code B00001-…}, amounts 100.00–999.99, dates in 2025. Deterministic for a given state.
     */
    static List<UUID> bulkInvoices(XeroSimulatorData data, int count) {
        List<Map<String, Object>> contacts = data.contacts();
        if (contacts.isEmpty()) {
            throw new IllegalStateException("seed the demo organisation first");
        }
        List<UUID> ids = new ArrayList<>(count);
        LocalDate start = LocalDate.of(2025, 1, 1);
        for (int n = 1; n <= count; n++) {
            Map<String, Object> c = contacts.get(n % contacts.size());
            LocalDate date = start.plusDays(n % 365);
            String amount = String.format(java.util.Locale.ROOT, "%d.%02d", 100 + (n * 37) % 900, (n * 13) % 100);
            ids.add(data.authorisedInvoice(UUID.fromString((String) c.get("ContactID")), String.format(java.util.Locale.ROOT, "B%05d", n),
                    date.toString(), date.plusDays(30).toString(), "Professional services", amount));
        }
        return ids;
    }

    private static Map<String, Object> payment(UUID invoice, String amount, String date, String reference) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("Invoice", Map.of("InvoiceID", invoice.toString()));
        in.put("Account", Map.of("Code", XeroSimulatorData.BANK_ACCOUNT_CODE));
        in.put("Amount", amount);
        in.put("Date", date);
        in.put("Reference", reference);
        return in;
    }
}
