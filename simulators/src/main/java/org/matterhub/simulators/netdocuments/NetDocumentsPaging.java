package org.matterhub.simulators.netdocuments;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.SimExchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The v2 list envelope shared by {@code GET /v2/container/{id}} and {@code GET /v2/Search}: {@code top} (1–500,
 * default 50, ND-PP), {@code orderby=field|asc|desc}, {@code select=standardAttributes,customAttributes}, an opaque
 * keyset {@code skiptoken}, and {@code {"Results":[…],"TotalFound":n,"SkipToken":"…"}} with the token left out on the
 * last page. Order fields, the token's content and the envelope's names are the simulator's ({@code [A]}).
 */
final class NetDocumentsPaging {

    static final int MAX_TOP = 500;
    static final int DEFAULT_TOP = 50;
    static final List<String> ORDER_FIELDS = List.of("id", "name", "modified", "created", "extension");

    private NetDocumentsPaging() {
    }

    /** One page of {@code items} (rendered documents and folders) as the request's parameters ask. */
    static Map<String, Object> page(SimExchange ex, List<Map<String, Object>> all, int skip) {
        List<Map<String, Object>> items = new ArrayList<>(all);
        int top = intParam(ex, "top", DEFAULT_TOP, MAX_TOP);
        if (top < 1) {
            throw NetDocumentsApiException.badRequest("top must be 1.." + MAX_TOP);
        }
        String orderby = ex.param("orderby") == null || ex.param("orderby").isBlank() ? "id|asc"
                : ex.param("orderby").trim().toLowerCase(Locale.ROOT);
        String[] ob = orderby.split("\\|");
        String field = ob[0];
        if (!ORDER_FIELDS.contains(field)) {
            throw NetDocumentsApiException.badRequest("orderby field must be one of " + ORDER_FIELDS);
        }
        Comparator<Key> cmp = Comparator.comparing(Key::value).thenComparing(Key::id);
        Comparator<Key> order = ob.length > 1 && ob[1].equals("desc") ? cmp.reversed() : cmp;
        items.sort((a, b) -> order.compare(key(a, field), key(b, field)));
        Key after = ex.param("skiptoken") == null ? null : Key.decode(ex.param("skiptoken"), orderby);
        List<String> select = ex.param("select") == null ? List.of("standardattributes")
                : List.of(ex.param("select").toLowerCase(Locale.ROOT).replace(" ", "").split(","));
        List<Map<String, Object>> page = new ArrayList<>();
        Key last = null;
        boolean more = false;
        int skipped = 0;
        for (Map<String, Object> item : items) {
            Key k = key(item, field);
            if (after != null && order.compare(k, after) <= 0 || skipped++ < skip) {
                continue;
            }
            if (page.size() == top) {
                more = true;
                break;
            }
            Map<String, Object> projected = new LinkedHashMap<>();
            if (select.contains("standardattributes")) {
                projected.put("standardAttributes", item.get("standardAttributes"));
            }
            if (select.contains("customattributes")) {
                projected.put("customAttributes", item.get("customAttributes"));
            }
            page.add(projected);
            last = k;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Results", page);
        out.put("TotalFound", items.size());
        if (more) {
            out.put("SkipToken", last.encode(orderby));
        }
        return out;
    }

    static int intParam(SimExchange ex, String name, int dflt, int max) {
        String v = ex.param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw NetDocumentsApiException.badRequest(name + " must be an integer");
        }
        if (n < 0 || n > max) {
            throw NetDocumentsApiException.badRequest(name + " must be 0.." + max);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Key key(Map<String, Object> item, String field) {
        Map<String, Object> std = (Map<String, Object>) item.get("standardAttributes");
        Object v = std.get(field);
        return new Key(v == null ? "" : v.toString().toLowerCase(Locale.ROOT), (String) std.get("id"));
    }

    private record Key(String value, String id) {
        String encode(String orderby) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(List.of(orderby, value, id)));
        }

        static Key decode(String token, String orderby) {
            try {
                Object parsed = Json.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
                if (parsed instanceof List<?> l && l.size() == 3 && orderby.equals(l.get(0))) {
                    return new Key((String) l.get(1), (String) l.get(2));
                }
            } catch (IllegalArgumentException | JsonProcessingException | ClassCastException e) {
                // fall through
            }
            throw NetDocumentsApiException.badRequest("skiptoken is invalid or belongs to another orderby");
        }
    }
}
