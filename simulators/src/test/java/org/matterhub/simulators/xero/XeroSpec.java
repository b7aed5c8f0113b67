package org.matterhub.simulators.xero;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.matterhub.simulators.common.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Xero's official documents (byte-for-byte copies in {@code src/test/resources/contracts/xero/}) as validators, and
 * the check of one simulator answer against them, shared by the Xero tests.
 *
 * <p>Allowances, each with its reason: additional properties are ignored (the live API adds envelope keys the document
 * omits, VENDORS.md §5.2); the {@code /connections} dates carry no offset as the document's own example and the live
 * API do; a status the document does not declare for an operation is accepted only where {@link #UNDECLARED} names
 * Xero's evidence for it, and then its body must be the document's {@code Error} (400) or Xero's problem body.
 */
final class XeroSpec {

    /**
     * xero-identity.yaml declares {@code createdDateUtc}/{@code updatedDateUtc} as {@code format: date-time} (offset
     * required) while its own example, the live API and the SDK's {@code LocalDateTime} field carry no offset.
     */
    static final Pattern CONNECTION_DATE_QUIRK = Pattern.compile(
            "Path '/\\d+/(created|updated)DateUtc'.*invalid against requested date format");

    /** Statuses Xero answers beyond those the document declares per operation, with the evidence. */
    static final Map<Integer, String> UNDECLARED = Map.of(
            400, "developer.xero.com/documentation/api/http-response-codes: 400 ApiException on any call",
            401, "http-response-codes: 401; body as quoted in freakboy3742/pyxero#337",
            403, "http-response-codes: 403; body as quoted in dcblogdev/laravel-xero#40",
            404, "http-response-codes: 404 Not Found",
            405, "simulator: method not simulated on /connections (problem body)",
            429, "developer.xero.com/documentation/guides/oauth2/limits: 429 with Retry-After",
            500, "http-response-codes: 500 Internal Error",
            503, "http-response-codes: 503 Not Available");

    private static final String ACCOUNTING_SPEC = "contracts/xero/xero_accounting.yaml";
    private static final String IDENTITY_SPEC = "contracts/xero/xero-identity.yaml";
    private static volatile XeroSpec instance;

    final OpenApiInteractionValidator accounting;
    final OpenApiInteractionValidator identity;
    final OpenAPI accountingModel;

    private XeroSpec() {
        String acc = read(ACCOUNTING_SPEC);
        this.accounting = validator(acc, XeroSimulator.ACCOUNTING_PREFIX);
        this.identity = validator(read(IDENTITY_SPEC), "/");
        this.accountingModel = new OpenAPIV3Parser().readContents(acc).getOpenAPI();
    }

    /** The documents, parsed once per test run. */
    static XeroSpec get() {
        XeroSpec s = instance;
        if (s == null) {
            synchronized (XeroSpec.class) {
                s = instance;
                if (s == null) {
                    s = new XeroSpec();
                    instance = s;
                }
            }
        }
        return s;
    }

    /**
     * What is wrong with one answer of the simulator, judged by the document: empty when it is valid. Only JSON
     * answers are held to the schemas (the documents describe JSON; XML is checked in XeroContractTest).
     */
    List<String> problems(XeroSimulator.Answered a) {
        List<String> out = new ArrayList<>();
        if (a.contentType() == null || !a.contentType().toLowerCase(Locale.ROOT).contains("json")) {
            return out;
        }
        boolean identityCall = !a.path().startsWith(XeroSimulator.ACCOUNTING_PREFIX);
        String path = identityCall ? "/Connections" + a.path().substring("/connections".length()) : a.path();
        SimpleRequest.Builder rb = new SimpleRequest.Builder(a.method(), path);
        a.requestHeaders().forEach((k, vs) -> vs.forEach(v -> rb.withHeader(k, v)));
        if (a.query() != null && !a.query().isEmpty()) {
            for (String pair : a.query().split("&")) {
                String[] kv = pair.split("=", 2);
                rb.withQueryParam(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        if (a.requestBody() != null && !a.requestBody().isEmpty()) {
            rb.withBody(a.requestBody());
        }
        String body = new String(a.body(), StandardCharsets.UTF_8);
        SimpleResponse response = SimpleResponse.Builder.status(a.status()).withBody(body)
                .withContentType("application/json").build();
        ValidationReport report = (identityCall ? identity : accounting).validate(rb.build(), response);
        boolean undeclared = report.getMessages().stream()
                .anyMatch(m -> m.getKey().equals("validation.request.path.missing"));   // not simulated: a 404
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR || !m.getKey().startsWith("validation.response")
                    || CONNECTION_DATE_QUIRK.matcher(m.toString()).find()) {
                continue;
            }
            if (m.getKey().equals("validation.response.status.unknown")) {
                undeclared = true;
            } else {
                out.add(a.method() + " " + a.path() + " → " + a.status() + ": " + m);
            }
        }
        if (undeclared) {
            if (!UNDECLARED.containsKey(a.status())) {
                out.add(a.method() + " " + a.path() + " → " + a.status() + ": a status with no evidence");
            } else {
                out.addAll(undeclaredBody(a, body));
            }
        }
        return out;
    }

    private List<String> undeclaredBody(XeroSimulator.Answered a, String body) {
        String where = a.method() + " " + a.path() + " → " + a.status() + " (" + UNDECLARED.get(a.status()) + "): ";
        if (a.status() == 400) {
            ValidationReport r = new SchemaValidator(accountingModel, new MessageResolver())
                    .validate(body, accountingModel.getComponents().getSchemas().get("Error"), "response.body");
            return r.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .map(m -> where + m).toList();
        }
        String shape = problemShape(body, a.status());
        return shape == null ? List.of() : List.of(where + shape);
    }

    /**
     * Xero's problem body for statuses outside the validation envelope, {@code {"Type":null,"Title","Status","Detail",
     * "Instance"}}: quoted from production in pyxero#337 (401), foxbytehq/laravel-xero-oauth2#43 (401) and
     * dcblogdev/laravel-xero#40 (403); the document has no schema for it. Null when the body has it.
     */
    @SuppressWarnings("unchecked")
    static String problemShape(String body, int status) {
        try {
            Map<String, Object> p = (Map<String, Object>) Json.parse(body);
            boolean ok = p.containsKey("Type") && p.get("Type") == null && p.get("Title") instanceof String
                    && Integer.valueOf(status).equals(p.get("Status")) && p.get("Detail") instanceof String
                    && p.containsKey("Instance");
            return ok ? null : "not Xero's problem body: " + body;
        } catch (IOException | ClassCastException e) {
            return "not a JSON object: " + body;
        }
    }

    private static OpenApiInteractionValidator validator(String spec, String basePath) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride(basePath)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private static String read(String resource) {
        try (InputStream in = XeroSpec.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
