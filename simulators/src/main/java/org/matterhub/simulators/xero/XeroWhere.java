package org.matterhub.simulators.xero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The {@code where} parameter of Xero's lists, the subset of its .NET expression language that Xero documents
 * (developer.xero.com/documentation/api/requests-and-responses, "where"): comparisons {@code == != > >= < <=} (and
 * {@code =}), {@code AND}/{@code &&}, {@code OR}/{@code ||}, {@code !} and parentheses, dotted paths
 * ({@code Contact.ContactID}), string methods {@code .StartsWith("…")}, {@code .Contains("…")}, {@code .EndsWith("…")},
 * and the literals {@code "text"}, numbers, {@code true}/{@code false}, {@code null}, {@code Guid("…")} and
 * {@code DateTime(yyyy, MM, dd[, hh, mm, ss])} (UTC). Strings compare case-sensitively, GUIDs case-insensitively; dates
 * in {@code /Date(…)/} form compare as instants; a comparison with a missing value is false (Xero throws, hence its
 * advice to write {@code EmailAddress!=null&&…}). Anything else is a 400 {@code ValidationException}.
 */
final class XeroWhere {

    private final String text;
    private final List<String> tokens;
    private int pos;

    private XeroWhere(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** The filter {@code where} describes. */
    static Predicate<Map<String, Object>> parse(String where) {
        XeroWhere p = new XeroWhere(where);
        Predicate<Map<String, Object>> result = p.or();
        if (p.pos != p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return result;
    }

    private Predicate<Map<String, Object>> or() {
        Predicate<Map<String, Object>> left = and();
        while (accept("||") || acceptWord("OR")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<Map<String, Object>> and() {
        Predicate<Map<String, Object>> left = unary();
        while (accept("&&") || acceptWord("AND")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<Map<String, Object>> unary() {
        if (accept("!")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Map<String, Object>> inner = or();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Predicate<Map<String, Object>> comparison() {
        List<String> path = new ArrayList<>();
        path.add(identifier());
        while (accept(".")) {
            String name = identifier();
            if (peek("(")) {
                return method(path, name);
            }
            path.add(name);
        }
        String op = next();
        if (!List.of("==", "!=", ">", ">=", "<", "<=", "=").contains(op)) {
            throw error("expected a comparison after " + String.join(".", path) + ", found '" + op + "'");
        }
        Object literal = literal();
        return e -> compare(value(e, path), op, literal);
    }

    private Predicate<Map<String, Object>> method(List<String> path, String name) {
        expect("(");
        Object arg = literal();
        expect(")");
        if (!(arg instanceof String s)) {
            throw error(name + " needs a string");
        }
        return switch (name) {
            case "StartsWith" -> e -> value(e, path) instanceof String v && v.startsWith(s);
            case "EndsWith" -> e -> value(e, path) instanceof String v && v.endsWith(s);
            case "Contains" -> e -> value(e, path) instanceof String v && v.contains(s);
            default -> throw error("method " + name + " is not supported");
        };
    }

    private Object literal() {
        String t = next();
        if (t.startsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        if (t.equals("null")) {
            return null;
        }
        if (t.equalsIgnoreCase("Guid")) {
            expect("(");
            String g = literal() instanceof String s ? s : null;
            expect(")");
            try {
                return UUID.fromString(Objects.requireNonNull(g));
            } catch (RuntimeException e) {
                throw error("Guid(\"…\") needs a GUID");
            }
        }
        if (t.equals("DateTime")) {
            expect("(");
            List<Integer> parts = new ArrayList<>();
            do {
                parts.add(Integer.parseInt(number(next())));
            } while (accept(","));
            expect(")");
            if (parts.size() != 3 && parts.size() != 6) {
                throw error("DateTime(…) takes year, month, day [, hour, minute, second]");
            }
            return LocalDateTime.of(parts.get(0), parts.get(1), parts.get(2), parts.size() == 6 ? parts.get(3) : 0,
                    parts.size() == 6 ? parts.get(4) : 0, parts.size() == 6 ? parts.get(5) : 0).toInstant(ZoneOffset.UTC);
        }
        return new BigDecimal(number(t));
    }

    private String number(String t) {
        if (!t.matches("-?\\d+(\\.\\d+)?")) {
            throw error("'" + t + "' is not a value");
        }
        return t;
    }

    private static boolean compare(Object v, String op, Object literal) {
        if (literal == null) {
            return op.equals("!=") == (v != null);
        }
        if (v == null) {
            return false;
        }
        int c;
        if (literal instanceof UUID u) {
            c = v.toString().equalsIgnoreCase(u.toString()) ? 0 : 1;
        } else if (literal instanceof Instant t) {
            Instant at = instant(v);
            if (at == null) {
                return false;
            }
            c = at.compareTo(t);
        } else if (literal instanceof BigDecimal d) {
            try {
                c = new BigDecimal(v.toString()).compareTo(d);
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            c = v.toString().compareTo(literal.toString());
            if (literal instanceof Boolean && !(v instanceof Boolean)) {
                return false;
            }
        }
        return switch (op) {
            case "==", "=" -> c == 0;
            case "!=" -> c != 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            default -> c <= 0;
        };
    }

    private static Instant instant(Object v) {
        Matcher m = XeroStore.MS_DATE.matcher(v.toString());
        return m.matches() ? Instant.ofEpochMilli(Long.parseLong(m.group(1))) : null;
    }

    private static Object value(Map<String, Object> e, List<String> path) {
        Object cur = e;
        for (String part : path) {
            if (!(cur instanceof Map<?, ?> mm)) {
                return null;
            }
            cur = mm.get(part);
        }
        return cur;
    }

    // ------------------------------------------------------------------ tokens

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw XeroApiException.validation(null, "where: unterminated string in " + s);
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || (c == '-' && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                        || (s.charAt(j) == '.' && Character.isDigit(s.charAt(i)) && j + 1 < s.length()
                        && Character.isDigit(s.charAt(j + 1))))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", ">=", "<=", "&&", "||").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("().,<>=!".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw XeroApiException.validation(null, "where: unexpected character '" + c + "' in " + s);
                }
            }
        }
        return out;
    }

    private String identifier() {
        String t = next();
        if (!t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error("expected a field name, found '" + t + "'");
        }
        return t;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error("unexpected end");
        }
        return tokens.get(pos++);
    }

    private boolean peek(String t) {
        return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private boolean accept(String t) {
        if (peek(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String t) {
        if (!accept(t)) {
            throw error("expected '" + t + "'");
        }
    }

    private XeroApiException error(String why) {
        return XeroApiException.validation(null, "where: " + why + " in " + text);
    }
}
