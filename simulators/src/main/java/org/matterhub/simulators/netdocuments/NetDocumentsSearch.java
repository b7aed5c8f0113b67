package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.SimExchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v2/Search?cabinets&q&select[&orderby&top&skip&skiptoken]} ({@code SearchCabinets}, ND-PP): the spec
 * marks {@code cabinets}, {@code q} and {@code select} required, {@code top} at most 500 (default 50). Criteria follow
 * NetDocuments' search syntax as far as simulated: a field is named by its number, {@code =N(value)}, and a bare word
 * must occur in the document name, {@code *} a wildcard (NetDocuments support, "Understanding Search Criteria Syntax"
 * and "Rules of Searching"). Here {@code N} is a custom attribute's id; terms are ANDed. Boolean operators, exact
 * braces, standard field numbers, full text and folders in results are not simulated: such a query gets 400 rather
 * than a silently wrong answer. Deleted documents are not returned (as NetDocuments by default).
 */
final class NetDocumentsSearch {

    private static final Pattern TERM = Pattern.compile("=(\\d+)\\(([^()]*)\\)|(\\S+)");

    private NetDocumentsSearch() {
    }

    static Map<String, Object> search(SimExchange ex, NetDocumentsApiData data) {
        String cabinets = require(ex, "cabinets");
        String q = require(ex, "q");
        require(ex, "select");
        for (String cabinet : cabinets.split(",")) {
            if (!cabinet.trim().equals(data.options().cabinetId())) {
                throw NetDocumentsApiException.notFound("cabinet " + cabinet.trim());
            }
        }
        List<Criterion> criteria = parse(q, data.options());
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> doc : data.searchableDocuments()) {
            if (criteria.stream().allMatch(c -> c.matches(doc))) {
                hits.add(doc);
            }
        }
        int skip = NetDocumentsPaging.intParam(ex, "skip", 0, Integer.MAX_VALUE);
        return NetDocumentsPaging.page(ex, hits, skip);
    }

    private static String require(SimExchange ex, String name) {
        String v = ex.param(name);
        if (v == null || v.isBlank()) {
            throw NetDocumentsApiException.badRequest(name + " is required");
        }
        return v;
    }

    static List<Criterion> parse(String q, NetDocumentsSimulatorOptions options) {
        List<Criterion> out = new ArrayList<>();
        Matcher m = TERM.matcher(q.trim());
        while (m.find()) {
            if (m.group(1) != null) {
                int field = Integer.parseInt(m.group(1));
                if (field != options.clientAttributeId() && field != options.matterAttributeId()) {
                    throw NetDocumentsApiException.badRequest("search field " + field + " is not simulated; "
                            + "use a custom attribute id (=N(value)) or words of the document name");
                }
                out.add(new Criterion(field, wildcard(m.group(2).trim())));
            } else {
                String word = m.group(3);
                if (word.matches("(?i)AND|OR|NOT") || word.matches(".*[(){}=\"].*")) {
                    throw NetDocumentsApiException.badRequest("search syntax '" + word + "' is not simulated");
                }
                out.add(new Criterion(0, wildcard("*" + word + "*")));
            }
        }
        if (out.isEmpty()) {
            throw NetDocumentsApiException.badRequest("q has no search criteria");
        }
        return out;
    }

    private static Pattern wildcard(String value) {
        StringBuilder re = new StringBuilder();
        for (String part : value.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** One ANDed term: field 0 is the document name, otherwise a custom attribute id. */
    record Criterion(int field, Pattern value) {
        @SuppressWarnings("unchecked")
        boolean matches(Map<String, Object> doc) {
            if (field == 0) {
                Object name = ((Map<String, Object>) doc.get("standardAttributes")).get("name");
                return value.matcher(Objects.toString(name, "").toLowerCase(Locale.ROOT)).matches();
            }
            for (Map<String, Object> a : (List<Map<String, Object>>) doc.get("customAttributes")) {
                if (Objects.equals(a.get("id"), field)
                        && value.matcher(Objects.toString(a.get("value"), "").toLowerCase(Locale.ROOT)).matches()) {
                    return true;
                }
            }
            return false;
        }
    }
}
