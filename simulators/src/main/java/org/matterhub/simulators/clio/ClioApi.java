package org.matterhub.simulators.clio;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ApiGate;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.SimExchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code /api/v4} surface: version check, bearer auth, per-token rate limit, then matters, contacts,
 * activities, notes, webhooks and conversations ({@link ClioConversationApi}). Paths, parameters and bodies follow Clio's OpenAPI document (operation ids noted).
 */
final class ClioApi extends ClioApiParams {

    static final String PREFIX = "/api/v4";
    static final String DEFAULT_VERSION = "4.0.9";
    /** Minor versions listed in the spec's "Minor Versions" section that are still served. */
    static final Set<String> VERSIONS = Set.of("4.0.4", "4.0.5", "4.0.6", "4.0.7", "4.0.8", "4.0.9", "4.0.10");
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET_RECORDS = 10_000;

    private static final String MATTER = "Matter";
    private static final String CONTACT = "Contact";
    private static final String ACTIVITY = "Activity";
    private static final String NOTE = "Note";
    private static final String WEBHOOK = "Webhook";
    private static final String USER = "User";
    private static final Pattern ITEM = Pattern.compile("^/(matters|contacts|webhooks|notes|activities)/(\\d+)\\.json$");
    private static final Pattern ACTIVATE = Pattern.compile("^/webhooks/(\\d+)/activate(\\.json)?$");
    /**
     * RFC 9110's IMF-fixdate ({@code Mon, 07 Dec 2026 09:00:00 GMT}): a two-digit day, as servers must send it. Java's
     * RFC_1123_DATE_TIME prints the day unpadded; it still reads what clients send (it parses both).
     */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final ClioSimulatorData data;
    private final ClioWebhooks webhooks;
    private final ClioOAuth oauth;
    private final ApiGate gate;
    private final Supplier<String> baseUrl;
    private final ClioConversationApi conversations;

    ClioApi(ClioSimulatorData data, ClioConversationData conversations, ClioWebhooks webhooks, ClioOAuth oauth,
            RateGate rate, Supplier<String> baseUrl) {
        this.data = data;
        this.conversations = new ClioConversationApi(conversations);
        this.webhooks = webhooks;
        this.oauth = oauth;
        this.gate = new ApiGate(rate, ClioApiException::errorBody, "Unauthorized",
                "Bearer realm=\"Clio\", error=\"invalid_token\"", null);
        this.baseUrl = baseUrl;
    }

    void handle(SimExchange ex) throws JsonProcessingException {
        String version = ex.header("X-API-VERSION");
        if (version != null && !VERSIONS.contains(version.trim())) {
            ex.sendJson(410, ClioApiException.errorBody("Gone",
                    "API version " + version + " is invalid or no longer supported"));
            return;
        }
        ex.responseHeader("X-API-VERSION", version == null ? DEFAULT_VERSION : version.trim());
        String[] problem = new String[1];
        String token = oauth.authenticate(ex.header("Authorization"), problem);
        gate.serve(ex, token, problem[0], () -> route(ex, ex.path().substring(PREFIX.length()), token));
    }

    private void route(SimExchange ex, String path, String token) {
        String m = ex.method();
        if (ClioConversationApi.handles(path)) {
            conversations.route(ex, path, oauth.userOf(token), this);
            return;
        }
        switch (path) {
            case "/users/who_am_i.json" -> {
                requireMethod(m, "GET");
                // User#who_am_i: the user the access token belongs to
                Map<String, Object> user = oauth.userOf(token);
                if (user == null) {
                    throw new ClioApiException(404, "RecordNotFound", "No user for this access token");
                }
                sendOne(ex, 200, user, selection(ex, USER));
            }
            case "/matters.json" -> {
                requireMethod(m, "GET");
                // Matter#index
                list(ex, data.findMatters(matterFilter(ex)), MATTER);
            }
            case "/contacts.json" -> {
                requireMethod(m, "GET");
                // Contact#index
                list(ex, data.findContacts(contactFilter(ex)), CONTACT);
            }
            case "/activities.json" -> {
                requireMethod(m, "GET");
                // Activity#index
                list(ex, data.findActivities(activityFilter(ex)), ACTIVITY);
            }
            case "/webhooks.json" -> {
                if ("POST".equals(m)) {
                    createWebhook(ex);
                } else {
                    requireMethod(m, "GET");
                    // Webhook#index
                    Predicate<Map<String, Object>> f = commonFilter(ex);
                    list(ex, webhooks.all().stream().filter(f).collect(Collectors.toList()), WEBHOOK);
                }
            }
            case "/notes.json" -> {
                if ("POST".equals(m)) {
                    // Note#create
                    ClioFields.Selection sel = selection(ex, NOTE);
                    sendOne(ex, 201, data.createNote(dataObject(jsonBody(ex))), sel);
                } else {
                    requireMethod(m, "GET");
                    // Note#index
                    list(ex, data.findNotes(noteFilter(ex)), NOTE);
                }
            }
            default -> routeItem(ex, path, m);
        }
    }

    private void routeItem(SimExchange ex, String path, String m) {
        Matcher activate = ACTIVATE.matcher(path);
        if (activate.matches()) {
            requireMethod(m, "PUT");
            long id = Long.parseLong(activate.group(1));
            Map<String, Object> hook = webhooks.activate(id, ex.header("X-Hook-Secret"));
            sendOne(ex, 200, hook, selection(ex, WEBHOOK));
            return;
        }
        Matcher item = ITEM.matcher(path);
        if (!item.matches()) {
            throw new ClioApiException(404, "RecordNotFound", "No route matches " + m + " " + PREFIX + path);
        }
        long id = parseId(item.group(2));
        switch (item.group(1)) {
            case "matters" -> {
                requireMethod(m, "GET");
                // Matter#show
                show(ex, data.findMatter(id), "Matter " + id, MATTER);
            }
            case "activities" -> {
                requireMethod(m, "GET");
                // Activity#show
                show(ex, data.findActivity(id), "Activity " + id, ACTIVITY);
            }
            case "notes" -> {
                requireMethod(m, "GET");
                // Note#show
                show(ex, data.findNote(id), "Note " + id, NOTE);
            }
            case "contacts" -> {
                if ("PATCH".equals(m)) {
                    // Contact#update
                    ClioFields.Selection sel = selection(ex, CONTACT);
                    ClioContactPatch patch = ClioContactPatch.parse(jsonBody(ex));
                    Map<String, Object> updated = data.patchContact(id, ex.header("If-Match"), patch);
                    sendOne(ex, 200, updated, sel);
                } else {
                    requireMethod(m, "GET");
                    // Contact#show
                    show(ex, data.findContact(id), "Contact " + id, CONTACT);
                }
            }
            default -> {
                switch (m) {
                    case "GET" -> show(ex, webhooks.find(id), "Webhook " + id, WEBHOOK);
                    case "PATCH" -> {
                        // Webhook#update
                        ClioFields.Selection sel = selection(ex, WEBHOOK);
                        Map<String, Object> updated = webhooks.update(id, ex.header("If-Match"), jsonBody(ex));
                        sendOne(ex, 200, updated, sel);
                        webhooks.startHandshake(id);
                    }
                    case "DELETE" -> {
                        // Webhook#destroy
                        webhooks.delete(id);
                        ex.sendEmpty(204);
                    }
                    default -> throw notSimulated(m);
                }
            }
        }
    }

    // Webhook#create
    private void createWebhook(SimExchange ex) {
        ClioFields.Selection sel = selection(ex, WEBHOOK);
        Map<String, Object> created = webhooks.create(jsonBody(ex));
        sendOne(ex, 201, created, sel);
        webhooks.startHandshake(((Number) created.get("id")).longValue());
    }

    // ------------------------------------------------------------------ index / show

    void list(SimExchange ex, List<Map<String, Object>> matching, String resource) {
        ClioFields.Selection sel = selection(ex, resource);
        int limit = intParam(ex, "limit", MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ClioApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        String order = ex.param("order");
        String offsetParam = ex.param("offset");
        List<Map<String, Object>> page;
        String next = null;
        String previous = null;
        if (offsetParam != null) {
            int offset = intParam(ex, "offset", 0);
            if (offset < 0) {
                throw ClioApiException.badRequest("offset must be >= 0");
            }
            if (offset + limit > MAX_OFFSET_RECORDS) {
                throw ClioApiException.unprocessable("Offset pagination is limited to " + MAX_OFFSET_RECORDS
                        + " records; use cursor pagination (order=id(asc) without offset)");
            }
            List<Map<String, Object>> ordered = ordered(matching, order, resource);
            page = ordered.subList(Math.min(offset, ordered.size()), Math.min(offset + limit, ordered.size()));
            if (offset + limit < ordered.size()) {
                next = nextUrl(ex, "offset", Integer.toString(offset + limit));
            }
            if (offset > 0) {
                previous = nextUrl(ex, "offset", Integer.toString(Math.max(0, offset - limit)));
            }
        } else {
            if (order != null && !"id(asc)".equals(order)) {
                throw ClioApiException.badRequest("Cursor pagination supports only order=id(asc)");
            }
            long after = decodePageToken(ex.param("page_token"));
            List<Map<String, Object>> rest = matching.stream()
                    .filter(r -> ((Number) r.get("id")).longValue() > after)
                    .collect(Collectors.toList());
            page = rest.subList(0, Math.min(limit, rest.size()));
            if (rest.size() > limit) {
                long last = ((Number) page.get(page.size() - 1).get("id")).longValue();
                next = nextUrl(ex, "page_token", encodePageToken(last));
            }
            List<Map<String, Object>> before = matching.stream()
                    .filter(r -> ((Number) r.get("id")).longValue() <= after).collect(Collectors.toList());
            if (!before.isEmpty()) {
                // The page before starts after the record that precedes its first; the first page has no token.
                int from = Math.max(0, before.size() - limit);
                previous = from == 0 ? nextUrl(ex, "page_token", null)
                        : nextUrl(ex, "page_token", encodePageToken(((Number) before.get(from - 1).get("id")).longValue()));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : page) {
            out.add(sel.apply(r));
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        if (previous != null) {
            paging.put("previous", previous);
        }
        if (next != null) {
            paging.put("next", next);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("paging", paging);
        meta.put("records", matching.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", out);
        body.put("meta", meta);
        ex.sendJson(200, body);
    }

    void show(SimExchange ex, Map<String, Object> record, String what, String resource) {
        ClioFields.Selection sel = selection(ex, resource);
        if (record == null) {
            throw ClioApiException.notFound(what);
        }
        String etag = (String) record.get("etag");
        Instant updated = OffsetDateTime.parse((String) record.get("updated_at")).toInstant();
        ex.responseHeader("ETag", etag);
        ex.responseHeader("Last-Modified", HTTP_DATE.format(updated));
        String ifNoneMatch = ex.header("If-None-Match");
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(t -> t.equals(etag) || t.equals("W/" + etag) || t.equals("*"))) {
            ex.sendEmpty(304);
            return;
        }
        String ifModifiedSince = ex.header("If-Modified-Since");
        if (ifNoneMatch == null && ifModifiedSince != null) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                if (updated.getEpochSecond() <= since.getEpochSecond()) {
                    ex.sendEmpty(304);
                    return;
                }
            } catch (DateTimeParseException ignored) {
                // invalid dates are ignored, as HTTP requires
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", sel.apply(record));
        ex.sendJson(200, body);
    }

    static void sendOne(SimExchange ex, int status, Map<String, Object> record, ClioFields.Selection sel) {
        ex.responseHeader("ETag", (String) record.get("etag"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", sel.apply(record));
        ex.sendJson(status, body);
    }

    private String nextUrl(SimExchange ex, String key, String value) {
        StringBuilder sb = new StringBuilder(baseUrl.get()).append(ex.path()).append('?');
        for (Map.Entry<String, List<String>> e : ex.query().entrySet()) {
            if (e.getKey().equals("page_token") || e.getKey().equals("offset")) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(enc(e.getKey())).append('=').append(enc(v)).append('&');
            }
        }
        if (value == null) {
            return sb.substring(0, sb.length() - 1);
        }
        return sb.append(enc(key)).append('=').append(enc(value)).toString();
    }

    private static final Pattern ORDER = Pattern.compile("([a-z_]+)\\((asc|desc)\\)");

    /**
     * Offset pages in {@code order}: {@code field(asc)} or {@code field(desc)} on any top-level field of the resource
     * whose values compare (numbers, strings and ISO dates, booleans), ties broken by id as Clio's listings are;
     * without {@code order}, by id.
     */
    private static List<Map<String, Object>> ordered(List<Map<String, Object>> matching, String order,
                                                     String resource) {
        List<Map<String, Object>> ordered = new ArrayList<>(matching);
        if (order == null) {
            return ordered;
        }
        Matcher m = ORDER.matcher(order);
        if (!m.matches() || !ClioFields.spec().isPlain(resource, m.group(1))) {
            throw ClioApiException.badRequest("Invalid order: " + order);
        }
        String field = m.group(1);
        Comparator<Map<String, Object>> byField = Comparator.comparing(r -> (Comparable) comparable(r.get(field)),
                Comparator.nullsLast(Comparator.naturalOrder()));
        if ("desc".equals(m.group(2))) {
            byField = byField.reversed();
        }
        ordered.sort(byField.thenComparing(r -> ((Number) r.get("id")).longValue()));
        return ordered;
    }

    @SuppressWarnings({"rawtypes"})
    private static Comparable comparable(Object value) {
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString());
        }
        return value instanceof Comparable c ? c : value == null ? null : value.toString();
    }

}
