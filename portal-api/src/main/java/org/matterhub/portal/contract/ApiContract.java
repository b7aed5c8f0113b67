package org.matterhub.portal.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.matterhub.portal.contract.ContractProblems.Refusal;

/**
 * The portal's OpenAPI document ({@value #RESOURCE}) as the judge of every request before a controller sees it:
 * path, method, path and query parameters (unknown query parameters included), headers, media types and bodies, by
 * Atlassian's swagger-request-validator. Credentials are not its business (the security chain has decided by then);
 * responses are checked in the tests. Thread-safe; built once.
 */
public final class ApiContract {

    /** Classpath location of the contract, served as {@code GET /api/v1/openapi.yaml}. */
    public static final String RESOURCE = "static/api/v1/openapi.yaml";

    private final OpenApiInteractionValidator validator;

    private ApiContract(String spec) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.security", Level.IGNORE)
                        .withLevel("validation.request.parameter.query.unexpected", Level.ERROR)
                        .withLevel("validation.response", Level.IGNORE)
                        .build())
                .build();
    }

    public static ApiContract load() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as the filter saw it; {@code body} null when there is none or it is streamed (uploads). */
    public record Call(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
                       String contentType, byte[] body, boolean streamedBody) {
    }

    /** Null when the call keeps the contract, else the refusal to answer with. */
    public Refusal check(Call call) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(call.method().toUpperCase(Locale.ROOT), call.path());
        call.query().forEach(b::withQueryParam);
        call.headers().forEach(b::withHeader);
        if (call.contentType() != null) {
            b.withContentType(call.contentType());
        }
        if (call.body() != null && call.body().length > 0) {
            b.withBody(call.body());
        }
        ValidationReport report = validator.validateRequest(b.build());
        List<Message> errors = report.getMessages().stream().filter(m -> m.getLevel() == Level.ERROR)
                .filter(m -> !(call.streamedBody() && m.getKey().equals("validation.request.body.missing")))
                .toList();
        if (errors.isEmpty()) {
            return null;
        }
        Message first = errors.stream().min(Comparator.comparingInt(ApiContract::rank)).orElseThrow();
        return switch (rank(first)) {
            case 0 -> Refusal.of(404, ContractProblems.UNKNOWN_OPERATION, "Not found",
                    "No operation of this API has the path " + call.path() + ".");
            case 1 -> Refusal.of(405, ContractProblems.METHOD_NOT_ALLOWED, "Method not allowed",
                    call.method() + " is not an operation of " + call.path() + ".");
            case 2 -> new Refusal(415, ContractProblems.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "This operation takes " + allowed(first) + " bodies only.",
                    Map.of("header.Content-Type", String.valueOf(call.contentType())));
            case 3 -> new Refusal(406, ContractProblems.NOT_ACCEPTABLE, "Not acceptable",
                    "This operation answers in " + allowed(first) + " only; the Accept header allows none of them.",
                    Map.of("header.Accept", String.join(", ", call.headers().getOrDefault("Accept", List.of()))));
            default -> invalid(errors);
        };
    }

    private static int rank(Message m) {
        String key = m.getKey();
        if (key.equals("validation.request.path.missing")) {
            return 0;
        }
        if (key.equals("validation.request.operation.notAllowed")) {
            return 1;
        }
        if (key.startsWith("validation.request.contentType")) {
            return 2;
        }
        if (key.startsWith("validation.request.accept")) {
            return 3;
        }
        return 4;
    }

    /**
     * A body that is well-formed and typed right but breaks a value rule (a format, pattern, length, count or a
     * required field) is 422 with {@code errors} keyed by field, as bean validation answers; anything else (a
     * parameter, a wrong type, an unknown field or enum value, a number out of range) is 400.
     */
    private static Refusal invalid(List<Message> errors) {
        boolean rules = errors.stream().allMatch(m -> isValueRule(m.getKey()));
        Map<String, String> fields = new LinkedHashMap<>();
        for (Message m : errors) {
            String field = rules ? field(m).replaceFirst("^body\\.?", "") : field(m);
            List<String> missing = m.getKey().equals("validation.request.body.schema.required") ? missing(m) : List.of();
            if (!missing.isEmpty()) {
                String parent = field.isEmpty() || field.equals("body") ? (rules ? "" : "body.") : field + ".";
                missing.forEach(name -> fields.put(parent + name, "is required"));
                continue;
            }
            fields.merge(field.isEmpty() ? "body" : field, text(m), (a, b) -> a + "; " + b);
        }
        String listed = fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        if (rules) {
            return new Refusal(422, ContractProblems.INVALID_REQUEST, "Invalid request",
                    "Some fields are invalid: " + listed + ".", fields);
        }
        return new Refusal(400, ContractProblems.INVALID_INPUT, "Invalid input",
                "The request does not match the API contract (see /api/v1/openapi.yaml): " + listed + ".", fields);
    }

    /** The properties a {@code required} message names: {@code ... missing required properties (["a","b"])}. */
    private static List<String> missing(Message m) {
        Matcher names = Pattern.compile("\"([^\"]+)\"").matcher(m.getMessage().replaceFirst("^[^(]*", ""));
        List<String> out = new java.util.ArrayList<>();
        while (names.find()) {
            out.add(names.group(1));
        }
        return out;
    }

    /** A string format ({@code ...format.email}, {@code .uuid}, {@code .date}) is a value rule; a number's is range. */
    static boolean isValueRule(String key) {
        if (key.startsWith("validation.request.body.schema.format")) {
            return !key.matches(".*\\.(int32|int64|float|double)$");
        }
        return VALUE_RULES.contains(key);
    }

    private static final java.util.Set<String> VALUE_RULES = java.util.Set.of(
            "validation.request.body.schema.pattern",
            "validation.request.body.schema.minLength", "validation.request.body.schema.maxLength",
            "validation.request.body.schema.required", "validation.request.body.schema.minProperties",
            "validation.request.body.schema.minItems", "validation.request.body.schema.maxItems",
            "validation.request.body.schema.uniqueItems");

    /** Where the error is: {@code query.limit}, {@code path.id}, {@code header.X}, {@code body.address.city}. */
    private static String field(Message m) {
        var context = m.getContext();
        var parameter = context.flatMap(c -> c.getParameter());
        if (parameter.isPresent()) {
            return parameter.get().getIn() + "." + parameter.get().getName();
        }
        Optional<String> pointer = context.flatMap(c -> c.getPointers()).map(p -> p.getInstance());
        if (pointer.isPresent() || m.getKey().startsWith("validation.request.body")) {
            String p = pointer.orElse("");
            return "body" + (p.isEmpty() || p.equals("/") ? "" : p.replace('/', '.'));
        }
        return "request";
    }

    /** The message about the input, without the validator's own framing. */
    private static String text(Message m) {
        String s = m.getMessage().replaceFirst("^\\[Path '[^']*'] ", "");
        if (m.getKey().equals("validation.request.body.missing")) {
            return "a body is required";
        }
        if (m.getKey().equals("validation.request.body.unexpected")) {
            return "this operation takes no body";
        }
        if (m.getKey().equals("validation.request.parameter.query.unexpected")) {
            return "not a parameter of this operation";
        }
        return s;
    }

    private static String allowed(Message m) {
        String s = m.getMessage();
        int at = s.indexOf("Must be one of: ");
        return at < 0 ? "application/json" : s.substring(at + "Must be one of: ".length()).replaceAll("[\\[\\].]+$", "")
                .replace("[", "");
    }
}
