package org.matterhub.config.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.config.support.RawClient;
import org.matterhub.config.support.TestHub;
import org.matterhub.portal.security.EmbeddedIssuer;

/**
 * The black-box test of the API surface: to every operation of the OpenAPI contract, as a client, a finance user,
 * staff and ops, it sends malformed and trailing-garbage JSON, wrong media types, junk path segments (encoded
 * slashes, NUL, dot-segments, semicolons, invalid UTF-8, CR/LF, invalid escapes), hostile and oversize query
 * values, oversize values and bodies, and unknown enum values. The hub must answer no 5xx; every error must be
 * {@code application/problem+json} with a {@code type}; and a caller whose role may not call the operation must get
 * 403 whatever the body, never a 4xx about it. Requests bypass the test hub's contract validation on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private static final Logger log = LoggerFactory.getLogger(HostileInputIT.class);

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOGUS = "zz-not-a-value";
    static final int OVERSIZE = 5_000;
    /** Values for one path segment that an HTTP client would refuse or normalise: sent over a raw socket. */
    static final List<String> JUNK_SEGMENTS = List.of("a%2Fb", "%2F", "%2f..%2f", "a%00b", "%00", "..", ".", "%2e%2e",
            "%2E", "a;b", ";", "..;", "a%3Bb", "%ff%fe", "%c3%28", "%e2%82", "\u00ff\u00fe", "a%0d%0ab", "%0a", "%0d",
            "%zz", "%", "a%25b", "%252e", "a%5cb", "a\\b", "%20", "a%09b", "not-a-uuid", "-1", "a".repeat(OVERSIZE));
    /** Segments that pass the container and the firewall and reach the application (so may depend on the caller). */
    static final Set<String> APP_SEGMENTS = Set.of("not-a-uuid", "-1", "%20", "a%09b", "a".repeat(OVERSIZE));
    /** Hostile values for query parameters (valid escapes, so the pooled client sends them as they are). */
    static final List<String> JUNK_QUERY = List.of("pro%00be", "a%0d%0ab", "%ff%fe", "%c3%28", "%u0000", "%E2%80%AE",
            "-1", "0", "99999999999999999999", "1e309", "NaN", "%27%3B--", "a".repeat(OVERSIZE));

    /** A role the test calls as: who it is, and its firm role (null for client users). */
    record Caller(String name, String email, String firmRole) {
    }

    /** One request of the matrix. {@code aboutBody}: a forbidden caller must get 403 for it. */
    record Probe(String operation, Caller caller, String kind, boolean aboutBody, boolean raw, String method,
                 String target, Map<String, String> headers, byte[] body) {
    }

    record Outcome(Probe probe, RawClient.Answer answer) {
    }

    TestHub hub;
    RawClient client;
    OpenAPI api;
    final Map<Caller, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        hub = TestHub.start(Map.of());
        client = new RawClient("127.0.0.1", Integer.parseInt(hub.baseUrl().substring(hub.baseUrl().lastIndexOf(':') + 1)));
        api = contract();
        String finance = (String) hub.query("select u.email from portal_user u join membership m on m.user_id = u.id "
                + "where m.role = 'finance' and m.revoked_at is null order by u.email limit 1").get(0).get("email");
        EmbeddedIssuer issuer = hub.bean(EmbeddedIssuer.class);
        for (Caller c : List.of(new Caller("client", "gc@northwind.example", null), new Caller("finance", finance, null),
                new Caller("staff", "aosei@harbourlaw.example", "staff"), new Caller("ops", "ops@harbourlaw.example", "ops"))) {
            tokens.put(c, issuer.mint(c.email(), Duration.ofHours(1), Map.of("amr", List.of("pwd", "mfa"))));
        }
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyOperationAnswersHostileInputWithProblemsAndNo5xx() throws Exception {
        List<Probe> probes = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                tokens.keySet().forEach(caller -> probes.addAll(probes(path, method, op, caller)))));
        long started = System.nanoTime();
        List<Outcome> outcomes = run(probes);
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<Integer, Long> byStatus = new TreeMap<>(outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.answer().status(), Collectors.counting())));
        Map<String, Long> byKind = new TreeMap<>(outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.probe().kind(), Collectors.counting())));
        List<String> failures = new ArrayList<>();
        Map<String, Set<String>> grouped = new TreeMap<>();
        for (Outcome o : outcomes) {
            String why = failure(o);
            if (why != null) {
                failures.add(why + " ← " + o.probe().caller().name() + " " + o.probe().operation() + " [" + o.probe().kind()
                        + "] " + o.probe().method() + " " + clip(o.probe().target(), 100) + " → " + o.answer().status()
                        + " " + o.answer().contentType() + " " + clip(o.answer().body(), 160));
                grouped.computeIfAbsent(why + " | " + o.probe().kind() + " → " + o.answer().status(), k -> new java.util.TreeSet<>())
                        .add(o.probe().operation() + " (" + o.probe().caller().name() + ")");
            }
        }
        log.info("Hostile input: {} requests to {} operations as {} callers in {} ms; by status {}; by case {}; {} failures",
                outcomes.size(), operationCount(), tokens.size(), millis, byStatus, byKind, failures.size());
        grouped.forEach((k, v) -> log.info("  {}: {} {}", k, v.size(), v));
        failures.stream().filter(f -> f.startsWith("5xx")).forEach(f -> log.error("  {}", f));
        assertThat(failures).as("%d of %d answers broke the rules", failures.size(), outcomes.size()).isEmpty();
        assertThat(outcomes.size()).isGreaterThan(1000);
        // The hub is still itself afterwards.
        assertThat(client.send("GET", "/api/v1/me", bearer(tokens.keySet().iterator().next()), null).status()).isEqualTo(200);
    }

    /** Why an answer breaks the rules, or null. */
    String failure(Outcome o) {
        RawClient.Answer a = o.answer();
        Probe p = o.probe();
        if (a.status() >= 500) {
            return "5xx";
        }
        if (p.aboutBody() && forbidden(p.operation(), p.caller()) && a.status() != 403 && a.status() != 413) {
            // The one exception: a body over the size cap is refused (413) before anyone is authenticated, since an
            // anonymous caller must not make the hub read it (docs/security.md, "Request bodies"); a 413 tells
            // nothing of the body's rules.
            return "not 403 for a caller the operation refuses";
        }
        if (a.status() >= 400 && a.body().isEmpty() && documentedWithoutBody(p.operation(), a.status())) {
            // A vendor's protocol the contract documents: Xero's intent-to-receive wants a bare 401.
            return null;
        }
        if (a.status() >= 400) {
            if (!a.contentType().startsWith("application/problem+json")) {
                return "error not problem+json";
            }
            try {
                JsonNode body = JSON.readTree(a.body());
                if (!body.path("type").asText().startsWith("https://matterhub.dev/problems/")
                        || body.path("status").asInt() != a.status() || body.path("title").asText().isBlank()) {
                    return "problem without a stable type, title or status";
                }
            } catch (IOException e) {
                return "problem body is not JSON";
            }
        }
        return null;
    }

    List<Outcome> run(List<Probe> probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Probe p : probes) {
                futures.add(pool.submit(() -> new Outcome(p, p.raw()
                        ? client.sendRaw(p.method(), p.target(), p.headers(), p.body())
                        : client.send(p.method(), p.target(), p.headers(), p.body()))));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- The matrix -------------------------------------------------------------------------------------------

    List<Probe> probes(String template, PathItem.HttpMethod httpMethod, Operation op, Caller caller) {
        String method = httpMethod.name();
        String name = method + " " + template;
        List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
        String path = fill(template, params, null);
        Map<String, String> auth = bearer(caller);
        List<Probe> out = new ArrayList<>();
        Function<Map<String, String>, Map<String, String>> with = extra -> {
            Map<String, String> h = new LinkedHashMap<>(auth);
            h.putAll(extra);
            return h;
        };
        out.add(new Probe(name, caller, "baseline", false, false, method, path, auth, null));
        out.add(new Probe(name, caller, "accept-xml", false, false, method, path, with.apply(Map.of("Accept", "application/xml")), null));

        // Bodies: every one is refused, and a caller the operation refuses learns nothing about why.
        Schema<?> schema = bodySchema(op);
        String json = schema == null ? "{\"a\":1}" : write(sample(schema, Mode.PLAIN, 0));
        String jsonType = jsonType(op);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("malformed-json", "{\"a\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("trailing-garbage", (json + "}}}").getBytes(StandardCharsets.UTF_8));
        bodies.put("not-json", "email=a@b.example&x=1".getBytes(StandardCharsets.UTF_8));
        bodies.put("duplicate-keys", duplicateFirstKey(json).getBytes(StandardCharsets.UTF_8));
        bodies.put("wrong-types", "{\"a\":{\"b\":[1,{\"c\":null}]},\"email\":42,\"amount\":[true]}".getBytes(StandardCharsets.UTF_8));
        bodies.put("nul-in-string", json.replaceFirst("\"([^\"]*)\"(\\s*[,}])", "\"a\\\\u0000b\"$2").getBytes(StandardCharsets.UTF_8));
        if (schema != null) {
            bodies.put("unknown-enum", write(sample(schema, Mode.BOGUS_ENUM, 0)).getBytes(StandardCharsets.UTF_8));
            bodies.put("oversize-values", write(sample(schema, Mode.OVERSIZE, 0)).getBytes(StandardCharsets.UTF_8));
            bodies.put("unknown-field", json.replaceFirst("^\\{", "{\"zzUnknown\":1,").getBytes(StandardCharsets.UTF_8));
        }
        bodies.forEach((kind, body) -> out.add(new Probe(name, caller, kind, true, false, method, path,
                with.apply(Map.of("Content-Type", jsonType)), body)));
        for (String type : List.of("application/xml", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            out.add(new Probe(name, caller, "media-type", true, false, method, path, with.apply(Map.of("Content-Type", type)),
                    (type.contains("xml") ? "<a><b>1</b></a>" : json).getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Probe(name, caller, "no-content-type", true, false, method, path, auth, json.getBytes(StandardCharsets.UTF_8)));
        out.add(new Probe(name, caller, "oversize-body", true, false, method, path, with.apply(Map.of("Content-Type", jsonType)),
                ("{\"a\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8)));

        // Path segments: junk in the first path parameter, or as an extra segment when there is none.
        boolean hasPathParam = template.contains("{");
        // What the container or the firewall refuses does not depend on the caller: the first caller sends it all.
        boolean firstCaller = caller.equals(tokens.keySet().iterator().next());
        for (String junk : JUNK_SEGMENTS) {
            if (!firstCaller && !APP_SEGMENTS.contains(junk)) {
                continue;
            }
            String target = hasPathParam ? fill(template, params, junk) : path + "/" + junk;
            out.add(new Probe(name, caller, "path-junk", false, true, method, target, auth, null));
        }
        out.add(new Probe(name, caller, "path-junk", false, true, method, path + "/..", auth, null));
        out.add(new Probe(name, caller, "path-junk", false, true, method, path + ";jsessionid=x", auth, null));

        // Query parameters: documented enum values, unknown ones, hostile and oversize values.
        for (Parameter q : params) {
            if (!"query".equals(q.getIn()) || q.getSchema() == null) {
                continue;
            }
            List<String> values = new ArrayList<>(firstCaller ? JUNK_QUERY
                    : List.of("pro%00be", "a%0d%0ab", "-1", "a".repeat(OVERSIZE)));
            values.add(BOGUS);
            if (q.getSchema().getEnum() != null) {
                q.getSchema().getEnum().forEach(v -> values.add(String.valueOf(v)));
            }
            for (String v : values) {
                String target = path + (path.contains("?") ? "&" : "?") + q.getName() + "=" + v;
                out.add(new Probe(name, caller, "query", false, false, method, target, auth, null));
            }
        }
        out.add(new Probe(name, caller, "query", false, false, method, path + "?zzUnknown=1&limit=&offset=-5", auth, null));
        return out;
    }

    /** The path with its parameters filled: enum → first value, else a random UUID; {@code junk} in the first. */
    static String fill(String template, List<Parameter> params, String junk) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        while (m.find()) {
            String value;
            if (first && junk != null) {
                value = junk;
            } else {
                Parameter p = params.stream().filter(x -> "path".equals(x.getIn()) && x.getName().equals(m.group(1)))
                        .findFirst().orElse(null);
                value = p != null && p.getSchema() != null && p.getSchema().getEnum() != null
                        ? String.valueOf(p.getSchema().getEnum().get(0)) : UUID.randomUUID().toString();
            }
            first = false;
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- Who may call what, from the contract's own words -----------------------------------------------------

    static final Pattern FIRM_ROLES = Pattern.compile("^Firm roles? ((?:`\\w+`(?:, | and | or )?)+)");

    /** Whether the contract says {@code caller} may not call the operation (so it must answer 403). */
    /** Whether the contract documents this status of the operation as an answer without a body. */
    boolean documentedWithoutBody(String operation, int status) {
        var response = operation(operation).getResponses().get(Integer.toString(status));
        return response != null && response.get$ref() == null
                && (response.getContent() == null || response.getContent().isEmpty());
    }

    boolean forbidden(String operation, Caller caller) {
        Operation op = operation(operation);
        String description = op.getDescription() == null ? "" : op.getDescription().strip();
        Matcher m = FIRM_ROLES.matcher(description);
        if (m.find()) {
            Set<String> roles = Pattern.compile("`(\\w+)`").matcher(m.group(1)).results().map(r -> r.group(1))
                    .collect(Collectors.toSet());
            return caller.firmRole() == null || !roles.contains(caller.firmRole());
        }
        if (description.startsWith("Client users only")) {
            return caller.firmRole() != null;
        }
        if (description.startsWith("Org admins only")) {
            // of the callers, only the client (gc@northwind.example) is an org admin
            return !"client".equals(caller.name());
        }
        return false;
    }

    Operation operation(String name) {
        String[] parts = name.split(" ", 2);
        return api.getPaths().get(parts[1]).readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
    }

    long operationCount() {
        return api.getPaths().values().stream().mapToLong(i -> i.readOperationsMap().size()).sum();
    }

    // ---- Bodies from the contract's schemas -------------------------------------------------------------------

    enum Mode { PLAIN, BOGUS_ENUM, OVERSIZE }

    static Schema<?> bodySchema(Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return null;
        }
        return op.getRequestBody().getContent().entrySet().stream().filter(e -> e.getKey().contains("json"))
                .map(e -> e.getValue().getSchema()).findFirst().orElse(null);
    }

    static String jsonType(Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return "application/json";
        }
        return op.getRequestBody().getContent().keySet().stream().filter(k -> k.contains("json")).findFirst()
                .orElse("application/json");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Object sample(Schema s, Mode mode, int depth) {
        if (s == null || depth > 6) {
            return "x";
        }
        if (s.getAllOf() != null && !s.getAllOf().isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object part : s.getAllOf()) {
                if (sample((Schema) part, mode, depth + 1) instanceof Map m) {
                    merged.putAll(m);
                }
            }
            return merged;
        }
        if (s.getOneOf() != null && !s.getOneOf().isEmpty()) {
            return sample((Schema) s.getOneOf().get(0), mode, depth + 1);
        }
        if (s.getAnyOf() != null && !s.getAnyOf().isEmpty()) {
            return sample((Schema) s.getAnyOf().get(0), mode, depth + 1);
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return mode == Mode.BOGUS_ENUM ? BOGUS : s.getEnum().get(0);
        }
        String type = s.getType() != null ? s.getType() : s.getProperties() != null ? "object" : "string";
        switch (type) {
            case "object": {
                Map<String, Object> out = new LinkedHashMap<>();
                Map<String, Schema> props = s.getProperties() == null ? Map.of() : s.getProperties();
                props.forEach((k, v) -> {
                    if (!Boolean.TRUE.equals(v.getReadOnly())) {
                        out.put(k, sample(v, mode, depth + 1));
                    }
                });
                return out;
            }
            case "array":
                return List.of(sample(s.getItems(), mode, depth + 1));
            case "integer":
            case "number":
                return mode == Mode.OVERSIZE ? new java.math.BigInteger("99999999999999999999999") : 1;
            case "boolean":
                return true;
            default:
                if (mode == Mode.OVERSIZE) {
                    return "x".repeat(OVERSIZE);
                }
                String format = s.getFormat() == null ? "" : s.getFormat();
                return switch (format) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "date-time" -> "2026-01-01T00:00:00Z";
                    case "date" -> "2026-01-01";
                    case "email" -> "a@b.example";
                    case "uri" -> "https://example.com/x";
                    default -> "x";
                };
        }
    }

    static String duplicateFirstKey(String json) {
        Matcher m = Pattern.compile("^\\{(\"[^\"]+\"\\s*:\\s*(?:\"[^\"]*\"|[^,}\\[{]+))").matcher(json);
        return m.find() ? "{" + m.group(1) + "," + json.substring(1) : "{\"a\":1,\"a\":2}";
    }

    // ---- Plumbing ---------------------------------------------------------------------------------------------

    Map<String, String> bearer(Caller caller) {
        return Map.of("Authorization", "Bearer " + tokens.get(caller));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clip(String s, int max) {
        String one = s == null ? "" : s.replaceAll("[\\r\\n\\t]", " ");
        return one.length() > max ? one.substring(0, max) + "…" : one;
    }

    static OpenAPI contract() {
        try (InputStream in = HostileInputIT.class.getClassLoader().getResourceAsStream("static/api/v1/openapi.yaml")) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            options.setResolveFully(true);
            OpenAPI api = new OpenAPIV3Parser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options)
                    .getOpenAPI();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
