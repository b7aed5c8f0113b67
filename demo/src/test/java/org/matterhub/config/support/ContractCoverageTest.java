package org.matterhub.config.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

/**
 * What the code can emit, held against what the contract documents, so that drift fails the build rather than a
 * client: every controller operation is in the contract; every enum serialised into a response, and every value a
 * database check constraint allows in a column a response carries as a string, is in the contract's enum for that
 * field; every status a handler names in its body ({@code HttpStatus.X}, {@code ResponseEntity.ok()} and kin) is a
 * documented response of its operation. {@link #theCheckCatchesABrokenController} runs the same checks on a
 * deliberately broken controller to show they fail.
 *
 * <p>Limits: statuses raised in helpers a handler calls (rather than in its own body) are not seen here; the
 * response validation of every IT call covers those.
 */
class ContractCoverageTest {

    private static final Map<String, Object> SPEC = spec();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyOperationEnumAndStatusOfTheCodeIsInTheContract() {
        List<String> problems = new ArrayList<>();
        List<Class<?>> controllers = controllers();
        assertThat(controllers).as("controllers found").hasSizeGreaterThan(10);
        for (Class<?> controller : controllers) {
            problems.addAll(check(controller, source(controller)));
        }
        problems.addAll(checkConstraints(controllers));
        assertThat(problems).as("code and contract disagree").isEmpty();
    }

    @Test
    void theCheckCatchesABrokenController() {
        String source = read(ROOT.resolve("demo/src/test/java/org/matterhub/config/support/ContractCoverageTest.java"));
        List<String> problems = check(BrokenController.class, source);
        assertThat(problems).anyMatch(p -> p.contains("matterResolution") && p.contains("no_idea"))
                .anyMatch(p -> p.contains("418"))
                .anyMatch(p -> p.contains("/api/v1/undocumented"));
        assertThat(check(FixedController.class, source)).isEmpty();
    }

    // ---- a deliberately broken controller, and the same one fixed -------------------------------------------

    enum Resolution { no_number, no_matter, org_mismatch, unlinked_customer, no_idea }

    enum GoodResolution { no_number, no_matter, org_mismatch, unlinked_customer }

    record BrokenSummary(Resolution matterResolution) {
    }

    record FixedSummary(GoodResolution matterResolution) {
    }

    // Never a bean: a hub started with the test classes on its class path (the benchmarks) must not map it.
    @RestController
    @org.springframework.context.annotation.Profile("contract-coverage-check-only")
    static class BrokenController {
        @org.springframework.web.bind.annotation.GetMapping("/api/v1/staff/invoices")
        public ResponseEntity<List<BrokenSummary>> list() {
            return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT).build();
        }

        @PostMapping("/api/v1/undocumented")
        public void undocumented() {
        }
    }

    @RestController
    @org.springframework.context.annotation.Profile("contract-coverage-check-only")
    static class FixedController {
        @org.springframework.web.bind.annotation.GetMapping("/api/v1/staff/invoices")
        public ResponseEntity<List<FixedSummary>> listFixed() {
            return ResponseEntity.ok().build();
        }
    }

    // ---- the checks -------------------------------------------------------------------------------------------

    static List<String> check(Class<?> controller, String source) {
        List<String> problems = new ArrayList<>();
        RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
        String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
        for (Method m : controller.getDeclaredMethods()) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(m, RequestMapping.class);
            if (mapping == null || m.isSynthetic()) {
                continue;
            }
            String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
            for (String p : paths) {
                for (String concrete : expand(prefix + p)) {
                    for (var verb : mapping.method()) {
                        String method = verb.name().toLowerCase();
                        Map<String, Object> op = operation(method, concrete);
                        String where = controller.getSimpleName() + "." + m.getName() + " (" + verb + " " + concrete + ")";
                        if (op == null) {
                            problems.add(where + ": no operation of the contract");
                            continue;
                        }
                        Set<String> documented = ((Map<?, ?>) op.get("responses")).keySet().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.toSet());
                        for (int status : statuses(m, source)) {
                            if (!documented.contains(String.valueOf(status))) {
                                problems.add(where + ": can answer " + status + ", which the contract does not document");
                            }
                        }
                    }
                }
            }
            Set<Class<?>> seen = new HashSet<>();
            walk(m.getGenericReturnType(), seen, (field, values) -> {
                Set<String> allowed = contractEnum(field);
                Set<String> missing = new TreeSet<>(values);
                missing.removeAll(allowed);
                if (!missing.isEmpty()) {
                    problems.add(controller.getSimpleName() + "." + m.getName() + ": field " + field + " can be " + missing
                            + ", which the contract's enum " + allowed + " lacks");
                }
            });
        }
        return problems;
    }

    /** Values a check constraint allows in a column that some response carries as a string field of the same name. */
    static List<String> checkConstraints(List<Class<?>> controllers) {
        Set<String> stringFields = new TreeSet<>();
        for (Class<?> c : controllers) {
            for (Method m : c.getDeclaredMethods()) {
                collectStringFields(m.getGenericReturnType(), new HashSet<>(), stringFields);
            }
        }
        Map<String, Set<String>> checks = new TreeMap<>();
        Pattern check = Pattern.compile("check\\s*\\(\\s*(\\w+)\\s+in\\s*\\(([^)]*)\\)\\s*\\)", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.list(ROOT.resolve("store/src/main/resources/db/migration"))) {
            for (Path f : files.sorted().toList()) {
                Matcher matcher = check.matcher(read(f));
                while (matcher.find()) {
                    Set<String> values = new TreeSet<>();
                    Matcher v = Pattern.compile("'([^']*)'").matcher(matcher.group(2));
                    while (v.find()) {
                        values.add(v.group(1));
                    }
                    checks.put(camel(matcher.group(1)), values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        checks.forEach((field, values) -> {
            Set<String> allowed = contractEnum(field);
            boolean carried = stringFields.contains(field) && !SAME_NAME_OTHER_THING.containsKey(field);
            if (carried && !allowed.isEmpty() && !allowed.containsAll(values)) {
                Set<String> missing = new TreeSet<>(values);
                missing.removeAll(allowed);
                problems.add("field " + field + ": the database allows " + missing + ", which the contract's enum "
                        + allowed + " lacks");
            }
        });
        return problems;
    }

    /**
     * Columns whose name a response field shares but whose values never reach that field (checked by hand; each
     * with the reason).
     */
    private static final Map<String, String> SAME_NAME_OTHER_THING = Map.of(
            "kind", "dms_folder.kind (workspace, folder) is never serialised; a response's kind is portal_user.kind "
                    + "(client, firm) or the contact's",
            "resolution", "dms_document.resolution: GET /ops/v1/documents/unresolved lists only rows whose resolution "
                    + "<> 'resolved' (DmsRepository.unresolved)");

    interface EnumSink {
        void accept(String field, Set<String> values);
    }

    private static void walk(Type type, Set<Class<?>> seen, EnumSink sink) {
        walk(type, seen, sink, null);
    }

    private static void walk(Type type, Set<Class<?>> seen, EnumSink sink, String field) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                walk(arg, seen, sink, field);
            }
            return;
        }
        if (!(type instanceof Class<?> c)) {
            return;
        }
        if (c.isArray()) {
            walk(c.getComponentType(), seen, sink, field);
        } else if (c.isEnum() && field != null) {
            Set<String> values = new LinkedHashSet<>();
            for (Object constant : c.getEnumConstants()) {
                try {
                    values.add(JSON.writeValueAsString(constant).replace("\"", ""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            sink.accept(field, values);
        } else if (c.isRecord() && seen.add(c)) {
            for (RecordComponent rc : c.getRecordComponents()) {
                walk(rc.getGenericType(), seen, sink, jsonName(rc));
            }
        }
    }

    private static void collectStringFields(Type type, Set<Class<?>> seen, Set<String> out) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                collectStringFields(arg, seen, out);
            }
        } else if (type instanceof Class<?> c && c.isRecord() && seen.add(c)) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getType() == String.class) {
                    out.add(jsonName(rc));
                }
                collectStringFields(rc.getGenericType(), seen, out);
            }
        }
    }

    private static String jsonName(RecordComponent rc) {
        JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
        return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
    }

    /** Statuses a handler's own body names, or 200 when it names none (Spring's default). */
    static Set<Integer> statuses(Method m, String source) {
        Set<Integer> out = new TreeSet<>();
        String body = methodBody(source, m.getName());
        Matcher s = Pattern.compile("HttpStatus\\.([A-Z_]+)").matcher(body);
        while (s.find()) {
            out.add(HttpStatus.valueOf(s.group(1)).value());
        }
        Map<String, Integer> shortcuts = Map.of("ResponseEntity.ok(", 200, ".ok()", 200, "ResponseEntity.accepted()", 202,
                "ResponseEntity.noContent()", 204, "ResponseEntity.created(", 201, "ApiProblem.notFound(", 404,
                "ApiProblem.forbidden(", 403);
        shortcuts.forEach((call, status) -> {
            if (body.contains(call)) {
                out.add(status);
            }
        });
        var annotated = AnnotatedElementUtils.findMergedAnnotation(m, org.springframework.web.bind.annotation.ResponseStatus.class);
        if (annotated != null) {
            out.add(annotated.code().value());
        }
        boolean success = out.stream().anyMatch(x -> x < 300);
        // a plain body is 200 unless the method says otherwise; a ResponseEntity built in a helper is not seen here
        if (!success && m.getReturnType() != void.class && m.getReturnType() != ResponseEntity.class) {
            out.add(200);
        }
        return out;
    }

    /** The text of the method from its name to the closing brace at method indentation. */
    private static String methodBody(String source, String name) {
        Matcher start = Pattern.compile("\\s" + Pattern.quote(name) + "\\(").matcher(source);
        if (!start.find()) {
            return "";
        }
        int end = source.indexOf("\n    }", start.end());
        int endNested = source.indexOf("\n        }\n", start.end());
        int stop = end < 0 ? source.length() : end;
        if (source.substring(0, start.start()).lastIndexOf("static class") > source.substring(0, start.start())
                .lastIndexOf("\n    }") && endNested >= 0) {
            stop = endNested;
        }
        return source.substring(start.start(), stop);
    }

    /**
     * A Spring path with {@code {v:a|b}} alternatives expanded, a {@code {vendor}} variable expanded to every vendor id
     * for which the contract has the path (the registry decides at run time which vendors a vendor-neutral controller
     * serves; {@code VendorRoomsTest} holds the contract's vendors to the adapters), and other variables as a
     * placeholder.
     */
    static List<String> expand(String path) {
        if (path.contains("{vendor}")) {
            List<String> out = new ArrayList<>();
            for (org.matterhub.mappings.canonical.SourceSystem s : org.matterhub.mappings.canonical.SourceSystem.values()) {
                String concrete = path.replace("{vendor}", s.id());
                if (expand(concrete).stream().anyMatch(ContractCoverageTest::inContract)) {
                    out.addAll(expand(concrete));
                }
            }
            return out.isEmpty() ? expand(path.replace("{vendor}", "x0")) : out;
        }
        Matcher m = Pattern.compile("\\{(\\w+):([a-z|]+)}").matcher(path);
        if (m.find()) {
            List<String> out = new ArrayList<>();
            for (String alt : m.group(2).split("\\|")) {
                out.addAll(expand(path.substring(0, m.start()) + alt + path.substring(m.end())));
            }
            return out;
        }
        return List.of(path.replaceAll("\\{[^}]+}", "x0"));
    }

    /** Whether the contract has {@code concrete} for any method. */
    private static boolean inContract(String concrete) {
        return List.of("get", "post", "put", "patch", "delete").stream().anyMatch(v -> operation(v, concrete) != null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(String method, String concrete) {
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) SPEC.get("paths");
        Map<String, Object> exact = paths.get(concrete);
        if (exact != null && exact.containsKey(method)) {
            return (Map<String, Object>) exact.get(method);
        }
        for (var e : paths.entrySet()) {
            String regex = "\\Q" + e.getKey().replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (concrete.matches(regex) && e.getValue().containsKey(method)) {
                return (Map<String, Object>) e.getValue().get(method);
            }
        }
        return null;
    }

    /** The union of the enums of every property named {@code field} anywhere in the contract's schemas. */
    @SuppressWarnings("unchecked")
    static Set<String> contractEnum(String field) {
        Set<String> out = new TreeSet<>();
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) SPEC.get("components")).get("schemas");
        schemas.values().forEach(s -> collectEnums(s, field, schemas, out, new HashSet<>()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collectEnums(Object node, String field, Map<String, Object> schemas, Set<String> out,
                                     Set<Object> seen) {
        if (!(node instanceof Map<?, ?> map) || !seen.add(System.identityHashCode(node))) {
            return;
        }
        Object props = map.get("properties");
        if (props instanceof Map<?, ?> properties) {
            Object p = properties.get(field);
            if (p != null) {
                out.addAll(enumOf(p, schemas));
            }
            properties.values().forEach(v -> collectEnums(v, field, schemas, out, seen));
        }
        if (map.get("items") != null) {
            collectEnums(map.get("items"), field, schemas, out, seen);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> enumOf(Object schema, Map<String, Object> schemas) {
        Map<String, Object> s = (Map<String, Object>) schema;
        if (s.get("$ref") instanceof String ref) {
            return enumOf(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), schemas);
        }
        if (s.get("items") != null) {
            return enumOf(s.get("items"), schemas);
        }
        Set<String> out = new TreeSet<>();
        if (s.get("enum") instanceof List<?> values) {
            values.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static List<Class<?>> controllers() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Class<?>> out = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.matterhub")) {
            try {
                Class<?> c = Class.forName(candidate.getBeanClassName());
                if (!c.getName().startsWith("org.matterhub.simulators") && c.getEnclosingClass() == null
                        && !c.getName().contains("Test")) {
                    out.add(c);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String source(Class<?> c) {
        String relative = c.getName().replace('.', '/') + ".java";
        for (String module : List.of("portal-api", "routes", "config", "demo")) {
            Path p = ROOT.resolve(module).resolve("src/main/java").resolve(relative);
            if (Files.exists(p)) {
                return read(p);
            }
        }
        throw new IllegalStateException("No source for " + c.getName());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec() {
        try (InputStream in = ContractCoverageTest.class.getClassLoader().getResourceAsStream(OpenApiContract.RESOURCE)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
