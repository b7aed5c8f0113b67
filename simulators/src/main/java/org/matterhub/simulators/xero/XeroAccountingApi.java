package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.SimExchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The accounting endpoints (paths and envelopes from xero_accounting.yaml): Contacts, Invoices (+ OnlineInvoice and the
 * PDF rendition),
 * Payments, CreditNotes, Organisation. Lists honour {@code If-Modified-Since}, {@code page}/{@code pageSize} (line
 * items only with {@code page}), {@code where} ({@link XeroWhere}), {@code order} on {@code UpdatedDateUTC}, and the
 * {@code IDs}/{@code Statuses}/{@code ContactIDs}/{@code InvoiceNumbers} lists.
 */
final class XeroAccountingApi {

    private XeroAccountingApi() {
    }

    static XeroSimulator.Answer dispatch(XeroSimulator sim, SimExchange ex) {
        String[] seg = ControlSupport.segments(ex.path(), XeroSimulator.ACCOUNTING_PREFIX);
        String m = ex.method();
        XeroSimulatorData data = sim.data();
        String collection = seg.length == 0 ? "" : seg[0];
        switch (collection) {
            case "Contacts" -> {
                if (seg.length == 1 && m.equals("GET")) {
                    return list(sim, ex, "Contacts", data.contactsRaw(), "ContactID");
                }
                if (seg.length == 1 && (m.equals("PUT") || m.equals("POST"))) {
                    return write(ex, "Contacts", in -> data.upsertContact(in, m.equals("PUT")));
                }
                if (seg.length == 2 && m.equals("GET")) {
                    Map<String, Object> c = data.contact(uuidOr404(seg[1], "Contact"));
                    if (c == null) {
                        throw XeroApiException.notFound("Contact " + seg[1]);
                    }
                    return ok("Contacts", List.of(c));
                }
                if (seg.length == 2 && m.equals("POST")) {
                    UUID id = uuidOr404(seg[1], "Contact");
                    return write(ex, "Contacts", in -> {
                        in.put("ContactID", id.toString());
                        return data.upsertContact(in, false);
                    });
                }
            }
            case "Invoices" -> {
                if (seg.length == 1 && m.equals("GET")) {
                    return list(sim, ex, "Invoices", data.invoicesRaw(), "InvoiceID");
                }
                if (seg.length == 1 && (m.equals("PUT") || m.equals("POST"))) {
                    return write(ex, "Invoices", in -> data.upsertInvoice(in, m.equals("PUT")));
                }
                if (seg.length == 2 && m.equals("GET")) {
                    Map<String, Object> inv = data.invoiceByIdOrNumber(seg[1]);
                    if (inv == null) {
                        throw XeroApiException.notFound("Invoice " + seg[1]);
                    }
                    String accept = ex.header("Accept");
                    if (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/pdf")) {
                        // GET /Invoices/{InvoiceID} with Accept: application/pdf (getInvoiceAsPdf)
                        return new XeroSimulator.Answer(200, new XeroSimulator.Binary("application/pdf",
                                XeroInvoicePdf.render(inv)));
                    }
                    return ok("Invoices", List.of(inv));
                }
                if (seg.length == 2 && m.equals("POST")) {
                    Map<String, Object> inv = data.invoiceByIdOrNumber(seg[1]);
                    if (inv == null) {
                        throw XeroApiException.notFound("Invoice " + seg[1]);
                    }
                    return write(ex, "Invoices", in -> {
                        in.put("InvoiceID", inv.get("InvoiceID"));
                        return data.upsertInvoice(in, false);
                    });
                }
                if (seg.length == 3 && seg[2].equals("OnlineInvoice") && m.equals("GET")) {
                    String url = data.onlineInvoiceUrl(uuidOr404(seg[1], "Invoice"), sim.baseUrl());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("OnlineInvoices", List.of(Map.of("OnlineInvoiceUrl", url)));
                    return new XeroSimulator.Answer(200, body);
                }
            }
            case "Payments" -> {
                if (seg.length == 1 && m.equals("GET")) {
                    return list(sim, ex, "Payments", data.paymentsRaw(), "PaymentID");
                }
                if (seg.length == 1 && (m.equals("PUT") || m.equals("POST"))) {
                    // PUT = createPayments (envelope), POST = createPayment (one Payment object)
                    return write(ex, "Payments", data::createPayment);
                }
                if (seg.length == 2 && m.equals("GET")) {
                    Map<String, Object> p = data.payment(uuidOr404(seg[1], "Payment"));
                    if (p == null) {
                        throw XeroApiException.notFound("Payment " + seg[1]);
                    }
                    return ok("Payments", List.of(p));
                }
            }
            case "Organisation" -> {
                if (seg.length == 1 && m.equals("GET")) {
                    return ok("Organisations", List.of(XeroOrganisation.render(data, sim.connectedAt())));
                }
            }
            case "CreditNotes" -> {
                if (seg.length == 1 && m.equals("GET")) {
                    return list(sim, ex, "CreditNotes", data.creditNotesRaw(), "CreditNoteID");
                }
                if (seg.length == 1 && (m.equals("PUT") || m.equals("POST"))) {
                    return write(ex, "CreditNotes", data::createCreditNote);
                }
            }
            default -> {
                // falls through to 404 below
            }
        }
        throw XeroApiException.problem(404, "NotFound", "The resource you're looking for cannot be found: "
                + m + " " + ex.path() + " (not simulated)");
    }

    private static UUID uuidOr404(String s, String what) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw XeroApiException.notFound(what + " " + s);
        }
    }

    private static XeroSimulator.Answer ok(String key, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Id", UUID.randomUUID().toString());
        body.put("Status", "OK");
        body.put("ProviderName", "Matterhub Xero simulator");
        body.put("DateTimeUTC", XeroSimulatorData.msDate(Instant.now()));
        body.put(key, items);
        return new XeroSimulator.Answer(200, body);
    }

    /**
     * A write: the body is the collection envelope ({@code {"Invoices":[…]}}), or for Payments also a single
     * object. Items are applied in order; the first validation error fails the request (summarizeErrors=true).
     */
    @SuppressWarnings("unchecked")
    private static XeroSimulator.Answer write(SimExchange ex, String key,
                                              java.util.function.Function<Map<String, Object>, Map<String, Object>> op) {
        Map<String, Object> body = XeroSimulator.jsonBody(ex);
        List<Map<String, Object>> items = new ArrayList<>();
        if (body.get(key) instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof Map<?, ?>)) {
                    throw XeroApiException.validation(null, key + " must be an array of objects");
                }
                items.add(new LinkedHashMap<>((Map<String, Object>) o));
            }
        } else if (!body.containsKey(key)) {
            items.add(new LinkedHashMap<>(body));
        } else {
            throw XeroApiException.validation(null, key + " must be an array");
        }
        if (items.isEmpty()) {
            throw XeroApiException.validation(null, "No " + key + " were supplied");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> in : items) {
            out.add(op.apply(in));
        }
        return ok(key, out);
    }

    private static XeroSimulator.Answer list(XeroSimulator sim, SimExchange ex, String key,
                                             List<Map<String, Object>> all, String idField) {
        Predicate<Map<String, Object>> filter = e -> true;
        String since = ex.header("If-Modified-Since");
        if (since != null) {
            Instant t = XeroSimulatorData.parseModifiedSince(since);
            filter = filter.and(e -> !XeroSimulatorData.updated(e).isBefore(t));
        }
        String where = ex.param("where");
        if (where != null && !where.isBlank()) {
            filter = filter.and(XeroWhere.parse(where));
        }
        filter = filter.and(inList(ex.param("IDs"), idField));
        filter = filter.and(inList(ex.param("Statuses"), key.equals("Contacts") ? "ContactStatus" : "Status"));
        filter = filter.and(inList(ex.param("InvoiceNumbers"), "InvoiceNumber"));
        filter = filter.and(inList(ex.param("ContactIDs"), "Contact.ContactID"));
        if (key.equals("Contacts") && !"true".equalsIgnoreCase(ex.param("includeArchived"))) {
            filter = filter.and(e -> !"ARCHIVED".equals(e.get("ContactStatus")));
        }
        List<Map<String, Object>> rows = all.stream().filter(filter).collect(Collectors.toCollection(ArrayList::new));
        String order = ex.param("order");
        if (order != null && order.trim().toUpperCase(Locale.ROOT).startsWith("UPDATEDDATEUTC")) {
            Comparator<Map<String, Object>> c = Comparator.comparing(XeroSimulatorData::updated);
            rows.sort(order.trim().toUpperCase(Locale.ROOT).endsWith("DESC") ? c.reversed() : c);
        } else if (order != null && !order.isBlank()) {
            throw XeroApiException.validation(null, "order " + order + " is not supported by the simulator");
        }
        Map<String, Object> pagination = null;
        String page = ex.param("page");
        if (page != null) {
            int p;
            int size;
            try {
                p = Integer.parseInt(page);
                size = ex.param("pageSize") == null ? sim.pageSize() : Integer.parseInt(ex.param("pageSize"));
            } catch (NumberFormatException e) {
                throw XeroApiException.validation(null, "page and pageSize must be integers");
            }
            if (p < 1 || size < 1 || size > 1000) {
                throw XeroApiException.validation(null, "page must be >= 1 and pageSize 1..1000");
            }
            int itemCount = rows.size();
            int from = Math.min(rows.size(), (p - 1) * size);
            rows = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + size)));
            pagination = new LinkedHashMap<>();
            pagination.put("page", p);
            pagination.put("pageSize", size);
            pagination.put("pageCount", (itemCount + size - 1) / size);
            pagination.put("itemCount", itemCount);
        }
        List<Map<String, Object>> rendered = rows.stream().map(XeroSimulatorData::render).toList();
        if (page == null) {
            // "page=1 – Up to 100 invoices will be returned in a single API call with line items shown for each
            // invoice" (xero_accounting.yaml, getInvoices/getCreditNotes): without page, no line items
            rendered.forEach(r -> r.remove("LineItems"));
        }
        XeroSimulator.Answer a = ok(key, rendered);
        if (pagination != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) a.body();
            body.put("pagination", pagination);
        }
        return a;
    }

    private static Predicate<Map<String, Object>> inList(String csv, String field) {
        if (csv == null || csv.isBlank()) {
            return e -> true;
        }
        List<String> wanted = Arrays.stream(csv.split(",")).map(String::trim).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return e -> {
            Object v = path(e, field);
            return v != null && wanted.contains(v.toString().toLowerCase(Locale.ROOT));
        };
    }

    private static Object path(Map<String, Object> e, String dotted) {
        Object cur = e;
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> mm)) {
                return null;
            }
            cur = mm.get(part);
        }
        return cur;
    }
}
