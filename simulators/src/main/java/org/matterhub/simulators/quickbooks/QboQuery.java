package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of the QBO query language the hub sends:
 * {@code SELECT * | COUNT(*) FROM Entity [WHERE cond [AND cond]…] [ORDERBY field [ASC|DESC]]
 * [STARTPOSITION n] [MAXRESULTS n]}, where {@code cond} is {@code path op literal} with
 * {@code op} one of {@code = < > <= >= != LIKE IN}. Field paths are dotted and case-insensitive
 * ({@code MetaData.LastUpdatedTime}, {@code CustomerRef}).
 */
record QboQuery(String entity, boolean count, List<Condition> where, String orderBy, boolean descending,
                int startPosition, int maxResults) {

    static final int MAX_RESULTS_LIMIT = 1000;
    static final int DEFAULT_MAX_RESULTS = 100;

    record Condition(String path, String op, List<String> values) {
    }

    private static final Pattern QUERY = Pattern.compile(
            "^\\s*select\\s+(\\*|count\\(\\s*\\*\\s*\\))\\s+from\\s+(\\w+)"
                    + "(?:\\s+where\\s+(.+?))?"
                    + "(?:\\s+order\\s*by\\s+([\\w.]+)(?:\\s+(asc|desc))?)?"
                    + "(?:\\s+startposition\\s+(\\d+))?"
                    + "(?:\\s+maxresults\\s+(\\d+))?\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONDITION = Pattern.compile(
            "^\\s*([\\w.]+)\\s*(<=|>=|!=|=|<|>|\\blike\\b|\\bin\\b)\\s*(.+?)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern AND = Pattern.compile("\\s+and\\s+(?=(?:[^']*'[^']*')*[^']*$)", Pattern.CASE_INSENSITIVE);

    static QboQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw QboFault.query("empty query");
        }
        Matcher m = QUERY.matcher(text);
        if (!m.matches()) {
            throw QboFault.query("Encountered an unsupported construct in \"" + text + "\"");
        }
        String entity = QboRealm.entityForSegment(m.group(2));
        if (entity == null) {
            throw QboFault.query("Invalid or unsupported entity " + m.group(2));
        }
        List<Condition> conditions = new ArrayList<>();
        if (m.group(3) != null) {
            for (String part : AND.split(m.group(3).trim())) {
                conditions.add(condition(part));
            }
        }
        int start = m.group(6) == null ? 1 : Integer.parseInt(m.group(6));
        int max = m.group(7) == null ? DEFAULT_MAX_RESULTS : Integer.parseInt(m.group(7));
        if (start < 1) {
            throw QboFault.query("STARTPOSITION must be 1 or more");
        }
        if (max < 1 || max > MAX_RESULTS_LIMIT) {
            throw QboFault.query("MAXRESULTS must be between 1 and " + MAX_RESULTS_LIMIT);
        }
        return new QboQuery(entity, m.group(1).startsWith("c") || m.group(1).startsWith("C"), conditions,
                m.group(4), m.group(5) != null && m.group(5).equalsIgnoreCase("desc"), start, max);
    }

    private static Condition condition(String text) {
        Matcher m = CONDITION.matcher(text);
        if (!m.matches()) {
            throw QboFault.query("cannot parse condition \"" + text + "\"");
        }
        String op = m.group(2).toUpperCase(Locale.ROOT);
        String rhs = m.group(3);
        List<String> values = new ArrayList<>();
        if ("IN".equals(op)) {
            if (!rhs.startsWith("(") || !rhs.endsWith(")")) {
                throw QboFault.query("IN needs a parenthesised list: " + text);
            }
            for (String v : rhs.substring(1, rhs.length() - 1).split(",(?=(?:[^']*'[^']*')*[^']*$)")) {
                values.add(literal(v.trim(), text));
            }
        } else {
            values.add(literal(rhs, text));
        }
        return new Condition(m.group(1), op, values);
    }

    private static String literal(String v, String context) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("\\'", "'");
        }
        if (v.matches("-?\\d+(\\.\\d+)?|true|false")) {
            return v;
        }
        throw QboFault.query("literal values must be quoted: " + context);
    }

    /** Filters, orders and pages {@code rows}; returns the page. */
    List<ObjectNode> apply(List<ObjectNode> rows) {
        List<ObjectNode> hits = matching(rows);
        if (orderBy != null) {
            Comparator<ObjectNode> c = (a, b) -> compare(lookup(a, orderBy), lookup(b, orderBy));
            hits.sort(descending ? c.reversed() : c);
        }
        int from = Math.min(startPosition - 1, hits.size());
        return new ArrayList<>(hits.subList(from, Math.min(hits.size(), from + maxResults)));
    }

    List<ObjectNode> matching(List<ObjectNode> rows) {
        List<ObjectNode> hits = new ArrayList<>();
        for (ObjectNode row : rows) {
            if (where.stream().allMatch(c -> test(row, c))) {
                hits.add(row);
            }
        }
        return hits;
    }

    private static boolean test(ObjectNode row, Condition c) {
        JsonNode v = lookup(row, c.path());
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        String actual = v.asText();
        return switch (c.op()) {
            case "=" -> compare(v, c.values().get(0)) == 0;
            case "!=" -> compare(v, c.values().get(0)) != 0;
            case "<" -> compare(v, c.values().get(0)) < 0;
            case ">" -> compare(v, c.values().get(0)) > 0;
            case "<=" -> compare(v, c.values().get(0)) <= 0;
            case ">=" -> compare(v, c.values().get(0)) >= 0;
            case "IN" -> c.values().stream().anyMatch(x -> compare(v, x) == 0);
            case "LIKE" -> actual.toLowerCase(Locale.ROOT).matches(
                    Pattern.quote(c.values().get(0).toLowerCase(Locale.ROOT)).replace("%", "\\E.*\\Q"));
            default -> false;
        };
    }

    /** Dotted, case-insensitive path; a reference ({@code {"value":…}}) compares by its value. */
    static JsonNode lookup(JsonNode row, String path) {
        JsonNode cur = row;
        for (String seg : path.split("\\.")) {
            JsonNode next = null;
            Iterator<Map.Entry<String, JsonNode>> it = cur.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equalsIgnoreCase(seg)) {
                    next = f.getValue();
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            cur = next;
        }
        if (cur.isObject() && cur.has("value")) {
            return cur.get("value");
        }
        return cur;
    }

    private static int compare(JsonNode v, String literal) {
        Instant a = QboTime.parse(v.asText());
        Instant b = QboTime.parse(literal);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        try {
            return new BigDecimal(v.asText()).compareTo(new BigDecimal(literal));
        } catch (NumberFormatException e) {
            return v.asText().compareToIgnoreCase(literal);
        }
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, b.asText());
    }
}
