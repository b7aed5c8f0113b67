package org.matterhub.simulators.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code fields} parameter in the nested-brace syntax used by Clio and others:
 * {@code id,etag,client{id,name},email_addresses{address,primary}}.
 *
 * <p>Each selected name maps to its sub-selection, or to {@code null} when the whole value is wanted.
 */
public final class FieldSelection {

    private final Map<String, FieldSelection> fields;

    private FieldSelection(Map<String, FieldSelection> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** Selected names in request order, each with its sub-selection or {@code null}. */
    public Map<String, FieldSelection> fields() {
        return fields;
    }

    /** Parses {@code spec}; throws {@link IllegalArgumentException} on unbalanced braces or empty names. */
    public static FieldSelection parse(String spec) {
        Parser p = new Parser(spec.trim());
        FieldSelection sel = p.list();
        if (p.pos != p.text.length()) {
            throw new IllegalArgumentException("unexpected '" + p.text.charAt(p.pos) + "' at " + p.pos
                    + " in fields=" + spec);
        }
        return sel;
    }

    /** Top-level names, comma-separated, for messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, FieldSelection> e : fields.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey());
            if (e.getValue() != null) {
                sb.append('{').append(e.getValue()).append('}');
            }
        }
        return sb.toString();
    }

    /**
     * Names in this selection that {@code full} does not have, as dotted paths (checked recursively
     * into nested maps and lists of maps). Empty when everything is selectable.
     */
    public List<String> unknownFields(Map<String, ?> full) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(full, "", unknown);
        return unknown;
    }

    private void collectUnknown(Map<String, ?> full, String prefix, List<String> unknown) {
        for (Map.Entry<String, FieldSelection> e : fields.entrySet()) {
            if (!full.containsKey(e.getKey())) {
                unknown.add(prefix + e.getKey());
                continue;
            }
            FieldSelection sub = e.getValue();
            Object value = full.get(e.getKey());
            if (sub == null) {
                continue;
            }
            Map<String, ?> shape = shapeOf(value);
            if (shape != null) {
                sub.collectUnknown(shape, prefix + e.getKey() + ".", unknown);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> shapeOf(Object value) {
        if (value instanceof Map) {
            return (Map<String, ?>) value;
        }
        if (value instanceof List && !((List<?>) value).isEmpty() && ((List<?>) value).get(0) instanceof Map) {
            return (Map<String, ?>) ((List<?>) value).get(0);
        }
        return null;
    }

    /** Projects {@code full} onto this selection. Missing names are skipped (check with {@link #unknownFields}). */
    public Map<String, Object> apply(Map<String, ?> full) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, FieldSelection> e : fields.entrySet()) {
            if (!full.containsKey(e.getKey())) {
                continue;
            }
            out.put(e.getKey(), project(full.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object project(Object value, FieldSelection sub) {
        if (sub == null || value == null) {
            return value;
        }
        if (value instanceof Map) {
            return sub.apply((Map<String, ?>) value);
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                out.add(item instanceof Map ? sub.apply((Map<String, ?>) item) : item);
            }
            return out;
        }
        return value;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        FieldSelection list() {
            Map<String, FieldSelection> out = new LinkedHashMap<>();
            while (true) {
                int start = pos;
                while (pos < text.length() && ",{}".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
                String name = text.substring(start, pos).trim();
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty field name at " + start + " in fields=" + text);
                }
                FieldSelection sub = null;
                if (pos < text.length() && text.charAt(pos) == '{') {
                    pos++;
                    sub = list();
                    if (pos >= text.length() || text.charAt(pos) != '}') {
                        throw new IllegalArgumentException("missing '}' in fields=" + text);
                    }
                    pos++;
                }
                if (out.containsKey(name)) {
                    FieldSelection prev = out.get(name);
                    out.put(name, prev == null || sub == null ? null : merge(prev, sub));
                } else {
                    out.put(name, sub);
                }
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                return new FieldSelection(out);
            }
        }

        private static FieldSelection merge(FieldSelection a, FieldSelection b) {
            Map<String, FieldSelection> m = new LinkedHashMap<>(a.fields);
            for (Map.Entry<String, FieldSelection> e : b.fields.entrySet()) {
                if (m.containsKey(e.getKey())) {
                    FieldSelection prev = m.get(e.getKey());
                    m.put(e.getKey(), prev == null || e.getValue() == null ? null : merge(prev, e.getValue()));
                } else {
                    m.put(e.getKey(), e.getValue());
                }
            }
            return new FieldSelection(m);
        }
    }
}
