package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.SampleFiles;
import org.matterhub.simulators.common.SimExchange;
import org.matterhub.simulators.common.XmlBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * {@code /v3/company/{realmId}/…}: entity create/read/update/delete/void, {@code query}, {@code cdc},
 * {@code invoice/{id}/pdf}. The caller has authenticated, rate-limited and fault-injected the request.
 */
final class QboApi {

    static final String PREFIX = "/v3/company/";
    static final String JSON = "application/json;charset=UTF-8";
    /** From 2025-08-01 minor versions below 75 are ignored and 75 is the floor (VENDORS.md §4.1, QB-MV). */
    static final int MINOR_VERSION_FLOOR = 75;

    private final MonotonicClock clock;
    private final QboSimulatorOptions options;
    private final Supplier<String> baseUrl;

    QboApi(MonotonicClock clock, QboSimulatorOptions options, Supplier<String> baseUrl) {
        this.clock = clock;
        this.options = options;
        this.baseUrl = baseUrl;
    }

    /** Effective minor version of a request: the floor when absent or below it. */
    static int minorVersion(SimExchange ex) {
        String mv = ex.param("minorversion");
        if (mv == null || mv.isBlank()) {
            return MINOR_VERSION_FLOOR;
        }
        try {
            return Math.max(MINOR_VERSION_FLOOR, Integer.parseInt(mv.trim()));
        } catch (NumberFormatException e) {
            throw QboFault.validation("2010", "Invalid minorversion", "minorversion must be a number, got " + mv);
        }
    }

    void handle(SimExchange ex, QboRealm realm, String[] rest) {
        minorVersion(ex);
        String m = ex.method();
        if (rest.length == 1 && "query".equalsIgnoreCase(rest[0]) && ("GET".equals(m) || "POST".equals(m))) {
            String q = "GET".equals(m) ? ex.param("query") : new String(body(ex), StandardCharsets.UTF_8);
            send(ex, 200, query(realm, q));
            return;
        }
        if (rest.length == 1 && "cdc".equalsIgnoreCase(rest[0]) && "GET".equals(m)) {
            send(ex, 200, cdc(realm, ex.param("entities"), ex.param("changedSince")));
            return;
        }
        if (rest.length == 2 && "companyinfo".equalsIgnoreCase(rest[0]) && "GET".equals(m)) {
            // GET /v3/company/{realmId}/companyinfo/{realmId}: the company the token reaches (Finance.xsd CompanyInfo)
            if (!realm.realmId().equals(rest[1])) {
                throw QboFault.validation("610", "Object Not Found", "Object Not Found : Something you're trying to "
                        + "use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.");
            }
            ObjectNode info = Json.mapper().createObjectNode();
            info.put("Id", realm.realmId());
            info.put("SyncToken", "0");
            info.put("CompanyName", "Company " + realm.realmId());
            info.put("Country", "US");
            info.put("domain", "QBO");
            info.put("sparse", false);
            info.putObject("MetaData").put("CreateTime", "2024-01-02T09:00:00-08:00")
                    .put("LastUpdatedTime", "2024-01-02T09:00:00-08:00");
            send(ex, 200, wrap("CompanyInfo", info));
            return;
        }
        String entity = QboRealm.entityForSegment(rest[0]);
        if (entity == null) {
            throw QboFault.validation("500", "Unsupported Operation",
                    "Operation " + m + " /" + String.join("/", rest) + " is not supported by the simulator");
        }
        if (rest.length == 1 && "POST".equals(m)) {
            write(ex, realm, entity);
            return;
        }
        if (rest.length == 2 && "GET".equals(m)) {
            ObjectNode e = realm.read(entity, rest[1]);
            if ("Invoice".equals(entity) && includes(ex, "invoiceLink")) {
                e.put("InvoiceLink", baseUrl.get() + "/_links/invoice/" + realm.realmId() + "/" + e.path("Id").asText());
            }
            send(ex, 200, wrap(entity, e));
            return;
        }
        if (rest.length == 3 && "GET".equals(m) && "Invoice".equals(entity) && "pdf".equals(rest[2])) {
            ObjectNode inv = realm.read(entity, rest[1]);
            byte[] pdf = SampleFiles.pdf("Invoice " + inv.path("DocNumber").asText(),
                    "Customer: " + inv.path("CustomerRef").path("name").asText() + "\nTotal: "
                            + inv.path("TotalAmt").asText() + "\nBalance due: " + inv.path("Balance").asText());
            ex.send(200, "application/pdf", pdf);
            return;
        }
        throw QboFault.validation("500", "Unsupported Operation",
                "Operation " + m + " /" + String.join("/", rest) + " is not supported by the simulator");
    }

    /** POST /{entity}[?operation=delete|void]: create, update, delete or void, deduplicated by requestid. */
    private void write(SimExchange ex, QboRealm realm, String entity) {
        String requestId = ex.param("requestid");
        if (requestId != null && requestId.length() > 50) {
            throw QboFault.validation("2010", "Invalid requestid", "requestid must be at most 50 characters");
        }
        // Intuit documents ?operation=void; the devkit (6.4.2) sends ?include=void for the same thing.
        String operation = includes(ex, "void") ? "void" : ex.param("operation");
        Function<ObjectNode, ObjectNode> action = action(realm, entity, operation);
        byte[] raw = body(ex);
        QboRealm.Replay reply = realm.locked(() -> {
            if (requestId != null) {
                QboRealm.Replay earlier = realm.replay(requestId);
                if (earlier != null) {
                    return earlier;
                }
            }
            QboRealm.Replay r;
            try {
                ObjectNode in = parseEntity(raw, entity);
                r = new QboRealm.Replay(200, Json.writeBytes(wrap(entity, action.apply(in))));
            } catch (QboFault f) {
                r = new QboRealm.Replay(f.status, Json.writeBytes(f.body(clock.now())));
            }
            if (requestId != null) {
                realm.remember(requestId, r);
            }
            return r;
        });
        send(ex, reply.status(), reply.body());
    }

    private static Function<ObjectNode, ObjectNode> action(QboRealm realm, String entity, String operation) {
        if (operation == null || operation.isEmpty() || "update".equalsIgnoreCase(operation)) {
            return in -> in.hasNonNull("Id") ? realm.update(entity, in) : realm.create(entity, in);
        }
        return switch (operation.toLowerCase(java.util.Locale.ROOT)) {
            case "delete" -> in -> realm.delete(entity, in);
            case "void" -> in -> realm.voidTxn(entity, in);
            default -> throw QboFault.validation("500", "Unsupported Operation", "operation=" + operation);
        };
    }

    private static ObjectNode parseEntity(byte[] raw, String entity) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw QboFault.validation("2500", "Invalid Reference Id", "Request body is not valid JSON: " + e.getMessage());
        }
        if (node != null && node.has(entity) && node.get(entity).isObject()) {
            node = node.get(entity);
        }
        if (node == null || !node.isObject()) {
            throw QboFault.validation("2500", "Invalid Reference Id", "Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    ObjectNode query(QboRealm realm, String text) {
        QboQuery q = QboQuery.parse(text);
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode qr = root.putObject("QueryResponse");
        List<ObjectNode> rows = realm.all(q.entity());
        if (q.count()) {
            qr.put("totalCount", q.matching(rows).size());
        } else {
            List<ObjectNode> page = q.apply(rows);
            if (!page.isEmpty()) {
                ArrayNode arr = qr.putArray(q.entity());
                page.forEach(arr::add);
                qr.put("startPosition", q.startPosition());
                qr.put("maxResults", page.size());
            }
        }
        root.put("time", QboTime.dateTime(clock.now()));
        return root;
    }

    ObjectNode cdc(QboRealm realm, String entitiesParam, String changedSinceParam) {
        if (entitiesParam == null || entitiesParam.isBlank()) {
            throw QboFault.required("entities");
        }
        if (changedSinceParam == null || changedSinceParam.isBlank()) {
            throw QboFault.required("changedSince");
        }
        List<String> entities = new ArrayList<>();
        for (String e : entitiesParam.split(",")) {
            String name = QboRealm.entityForSegment(e.trim());
            if (name == null) {
                throw QboFault.validation("2010", "Invalid entity", "CDC is not simulated for entity " + e.trim());
            }
            if (!entities.contains(name)) {
                entities.add(name);
            }
        }
        // the devkit sends changedSince unencoded, so an offset's '+' arrives decoded as a space
        Instant since = QboTime.parse(changedSinceParam.trim().replace(' ', '+'));
        if (since == null) {
            throw QboFault.validation("2010", "Invalid changedSince", "changedSince is not an ISO-8601 date/time: " + changedSinceParam);
        }
        Duration lookBack = options.cdcLookBack();
        if (since.isBefore(clock.now().minus(lookBack))) {
            throw QboFault.validation("4001", "Invalid changedSince",
                    "changedSince must be within the last " + lookBack.toDays() + " days");
        }
        Map<String, List<ObjectNode>> changes = realm.changedSince(entities, since, options.cdcMaxObjects());
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode cdc = root.putArray("CDCResponse");
        ArrayNode qrs = cdc.addObject().putArray("QueryResponse");
        changes.forEach((entity, list) -> {
            ObjectNode qr = qrs.addObject();
            if (!list.isEmpty()) {
                ArrayNode arr = qr.putArray(entity);
                list.forEach(arr::add);
                qr.put("startPosition", 1);
                qr.put("maxResults", list.size());
            }
        });
        root.put("time", QboTime.dateTime(clock.now()));
        return root;
    }

    private ObjectNode wrap(String entity, ObjectNode e) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.set(entity, e);
        root.put("time", QboTime.dateTime(clock.now()));
        return root;
    }

    private static boolean includes(SimExchange ex, String what) {
        List<String> values = ex.query().get("include");
        return values != null && values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(v -> v.trim().equalsIgnoreCase(what));
    }

    /** Request body, gunzipped when the client sent {@code Content-Encoding: gzip} (the devkit's default). */
    static byte[] body(SimExchange ex) {
        byte[] raw = ex.bodyBytes();
        String enc = ex.header("Content-Encoding");
        if (enc != null && enc.toLowerCase(java.util.Locale.ROOT).contains("gzip") && raw.length > 0) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return raw;
    }

    /** Sends a JSON answer, or its XML rendering unless the request accepts JSON ({@link QboXml}). */
    static void send(SimExchange ex, int status, ObjectNode body) {
        if (XmlBody.wantsJson(ex)) {
            ex.send(status, JSON, Json.writeBytes(body));
        } else {
            ex.send(status, XmlBody.CONTENT_TYPE, QboXml.render(body));
        }
    }

    /** Sends a fault: the gateway's JSON shape for 401/403 when JSON is accepted, else the {@code Fault} envelope. */
    static void send(SimExchange ex, QboFault f, Instant now) {
        send(ex, f.status, XmlBody.wantsJson(ex) ? f.body(now) : f.serviceBody(now));
    }

    /** Sends stored JSON bytes (a replayed answer), negotiated like {@link #send(SimExchange, int, ObjectNode)}. */
    private static void send(SimExchange ex, int status, byte[] json) {
        try {
            send(ex, status, (ObjectNode) Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
