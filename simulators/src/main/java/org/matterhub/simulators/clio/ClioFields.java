package org.matterhub.simulators.clio;

import org.matterhub.simulators.common.FieldSelection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a request may name per resource, as Clio's OpenAPI document lists them ({@code components.schemas}, with
 * one level of nested resources), read from {@code clio-fields.txt}: a list generated from the spec, which
 * {@code ClioFieldsTest} compares with the spec file.
 *
 * <p>As Clio's fields documentation (https://docs.developers.clio.com/api-docs/fields) says: without {@code fields}
 * a record is its {@code id} and {@code etag}; a nested resource named without braces is its default fields
 * ({@code id}, {@code etag}); an unknown name, or braces on a second-level nested resource, is a 400 (except inside
 * a nested resource whose schema lists no fields, see {@link #hasNestedFields}). A field the
 * simulator does not model is served empty, as the schema allows: {@code []} for a list, {@code false} for a flag,
 * {@code null} otherwise.
 */
final class ClioFields {

    /** What a record is without {@code fields=}: "For most endpoints, the id and etag fields are the only default fields". */
    static final FieldSelection DEFAULT = FieldSelection.parse("id,etag");
    private static final List<String> NESTED_DEFAULT = List.of("id", "etag");
    private static final Set<String> SCALARS = Set.of("integer", "number", "string", "boolean");
    private static final ClioFields SPEC = load("clio-fields.txt");

    /** Resource ({@code Matter}) to field path ({@code client.name}) to its kind (integer … objects, array). */
    private final Map<String, Map<String, String>> kinds;

    private ClioFields(Map<String, Map<String, String>> kinds) {
        this.kinds = kinds;
    }

    static ClioFields spec() {
        return SPEC;
    }

    /** A parsed field selection for one resource, ready to project records. */
    record Selection(ClioFields catalogue, String resource, FieldSelection fields) {
        Map<String, Object> apply(Map<String, ?> record) {
            return catalogue.project(resource, "", fields, record);
        }
    }

    /** Field paths and kinds for {@code resource}, in the spec's order (for tests and listings). */
    Map<String, String> kinds(String resource) {
        Map<String, String> k = kinds.get(resource);
        if (k == null) {
            throw new IllegalArgumentException("no Clio resource " + resource);
        }
        return k;
    }

    /** Whether {@code field} is a top-level field of {@code resource} with a plain (sortable) value. */
    boolean isPlain(String resource, String field) {
        String kind = kinds(resource).get(field);
        return kind != null && SCALARS.contains(kind);
    }

    /**
     * The selection {@code fields} asks for; {@link #DEFAULT} when it is absent or blank.
     *
     * @throws ClioApiException 400 for a malformed list or a field the resource does not have
     */
    Selection select(String resource, String fields) {
        if (fields == null || fields.isBlank()) {
            return new Selection(this, resource, DEFAULT);
        }
        FieldSelection sel;
        try {
            sel = FieldSelection.parse(fields);
        } catch (IllegalArgumentException e) {
            throw ClioApiException.badRequest("Invalid fields parameter: " + e.getMessage());
        }
        List<String> unknown = unknown(resource, sel);
        if (!unknown.isEmpty()) {
            throw new ClioApiException(400, "InvalidFields", "Invalid field(s): " + String.join(", ", unknown));
        }
        return new Selection(this, resource, sel);
    }

    /** Names in {@code sel} that {@code resource} does not offer, as dotted paths; empty when all are offered. */
    List<String> unknown(String resource, FieldSelection sel) {
        Map<String, String> k = kinds(resource);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, FieldSelection> top : sel.fields().entrySet()) {
            String kind = k.get(top.getKey());
            if (kind == null) {
                out.add(top.getKey());
            } else if (top.getValue() != null) {
                boolean listed = hasNestedFields(k, top.getKey());
                for (Map.Entry<String, FieldSelection> sub : top.getValue().fields().entrySet()) {
                    String path = top.getKey() + "." + sub.getKey();
                    // second-level nested resources offer their defaults only: braces on them are a 400
                    if ((listed && !k.containsKey(path)) || sub.getValue() != null) {
                        out.add(path);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether the document lists the fields of nested resource {@code field}. It lists none for a few
     * ({@code ConversationMessage.sender} and {@code receivers} are {@code UnredactedParticipant_base}, an object
     * without properties): any name is then accepted there, and served from the record or empty.
     */
    private static boolean hasNestedFields(Map<String, String> kinds, String field) {
        String prefix = field + ".";
        return kinds.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    private Map<String, Object> project(String resource, String prefix, FieldSelection sel, Map<String, ?> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, FieldSelection> e : sel.fields().entrySet()) {
            String path = prefix + e.getKey();
            String kind = kinds(resource).get(path);
            Object value = record.containsKey(e.getKey()) ? record.get(e.getKey()) : empty(kind);
            out.put(e.getKey(), nested(resource, path, value, e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object nested(String resource, String path, Object value, FieldSelection sub) {
        if (value instanceof Map<?, ?> m) {
            return sub == null ? defaults((Map<String, ?>) m) : project(resource, path + ".", sub, (Map<String, ?>) m);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(nested(resource, path, item, sub));
            }
            return out;
        }
        return value;
    }

    private static Map<String, Object> defaults(Map<String, ?> nested) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : NESTED_DEFAULT) {
            if (nested.containsKey(f)) {
                out.put(f, nested.get(f));
            }
        }
        return out;
    }

    private static Object empty(String kind) {
        if ("objects".equals(kind) || "array".equals(kind)) {
            return List.of();
        }
        return "boolean".equals(kind) ? Boolean.FALSE : null;
    }

    static ClioFields load(String resourceName) {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        try (InputStream in = ClioFields.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resourceName + " beside " + ClioFields.class.getName());
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split(" ");
                kinds.computeIfAbsent(p[0], x -> new LinkedHashMap<>()).put(p[1], p[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClioFields(kinds);
    }
}
