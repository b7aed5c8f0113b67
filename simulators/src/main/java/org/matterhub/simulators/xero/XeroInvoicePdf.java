package org.matterhub.simulators.xero;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PDF rendition of an invoice ({@code GET /Invoices/{InvoiceID}} with {@code Accept: application/pdf}): a
 * one-page PDF 1.4 document naming the invoice number, contact, total and amount due. Deterministic for a given
 * invoice state, so tests can compare bytes.
 */
final class XeroInvoicePdf {

    private XeroInvoicePdf() {
    }

    @SuppressWarnings("unchecked")
    static byte[] render(Map<String, Object> invoice) {
        Object contact = invoice.get("Contact") instanceof Map<?, ?> c ? ((Map<String, Object>) c).get("Name") : "";
        List<String> lines = List.of(
                "Invoice " + invoice.get("InvoiceNumber"),
                "To: " + contact,
                "Reference: " + invoice.getOrDefault("Reference", ""),
                "Total: " + invoice.get("Total") + " " + invoice.get("CurrencyCode"),
                "Amount due: " + invoice.get("AmountDue") + " " + invoice.get("CurrencyCode"));
        StringBuilder text = new StringBuilder("BT /F1 12 Tf 72 760 Td 16 TL\n");
        for (String line : lines) {
            text.append('(').append(escape(line)).append(") Tj T*\n");
        }
        text.append("ET\n");
        byte[] stream = text.toString().getBytes(StandardCharsets.ISO_8859_1);

        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                + "/Contents 4 0 R >>");
        objects.add("<< /Length " + stream.length + " >>\nstream\n" + new String(stream, StandardCharsets.ISO_8859_1)
                + "endstream");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, table.toString());
        return out.toByteArray();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == '(' || ch == ')' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch < 0x20 || ch > 0xff ? '?' : ch);
        }
        return b.toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
