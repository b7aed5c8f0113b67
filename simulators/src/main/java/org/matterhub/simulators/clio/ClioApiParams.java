package org.matterhub.simulators.clio;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Query filters and parameter parsing for {@link ClioApi}: {@code fields}, ids, times, page tokens, bodies. */
abstract class ClioApiParams {

    // ------------------------------------------------------------------ filters

    Predicate<Map<String, Object>> matterFilter(SimExchange ex) {
        Predicate<Map<String, Object>> p = commonFilter(ex);
        String status = ex.param("status");
        if (status != null) {
            Set<String> wanted = new HashSet<>();
            for (String s : status.split(",")) {
                String v = s.trim().toLowerCase(java.util.Locale.ROOT);
                if (!Set.of("open", "pending", "closed").contains(v)) {
                    throw ClioApiException.badRequest("status must be open, pending or closed (comma-separated)");
                }
                wanted.add(v);
            }
            p = p.and(r -> wanted.contains(((String) r.get("status")).toLowerCase(java.util.Locale.ROOT)));
        }
        String clientId = ex.param("client_id");
        if (clientId != null) {
            long id = parseLongParam("client_id", clientId);
            p = p.and(r -> ((Number) r.get("client_id")).longValue() == id);
        }
        return p;
    }

    Predicate<Map<String, Object>> contactFilter(SimExchange ex) {
        Predicate<Map<String, Object>> p = commonFilter(ex);
        String type = ex.param("type");
        if (type != null) {
            if (!Set.of("Person", "Company").contains(type)) {
                throw ClioApiException.badRequest("type must be Person or Company");
            }
            p = p.and(r -> type.equals(r.get("type")));
        }
        if ("true".equals(ex.param("client_only"))) {
            p = p.and(r -> Boolean.TRUE.equals(r.get("is_client")));
        }
        return p;
    }

    /** Note#index: {@code type} is required (Matter or Contact); {@code matter_id}, {@code contact_id}, {@code query}. */
    Predicate<Map<String, Object>> noteFilter(SimExchange ex) {
        Predicate<Map<String, Object>> p = commonFilter(ex);
        String type = ex.param("type");
        if (!"Matter".equals(type) && !"Contact".equals(type)) {
            throw ClioApiException.badRequest("type is required: Matter or Contact");
        }
        p = p.and(r -> type.equals(r.get("type")));
        p = p.and(byRef(ex, "matter_id", "matter"));
        p = p.and(byRef(ex, "contact_id", "contact"));
        String query = ex.param("query");
        if (query != null && !query.isBlank()) {
            String q = query.toLowerCase(java.util.Locale.ROOT);
            p = p.and(r -> contains(r.get("subject"), q) || contains(r.get("detail"), q));
        }
        return p;
    }

    /** Activity#index: {@code matter_id}, {@code user_id}, {@code type} (TimeEntry, ExpenseEntry, …). */
    Predicate<Map<String, Object>> activityFilter(SimExchange ex) {
        Predicate<Map<String, Object>> p = commonFilter(ex);
        p = p.and(byRef(ex, "matter_id", "matter"));
        p = p.and(byRef(ex, "user_id", "user"));
        String type = ex.param("type");
        if (type != null) {
            if (!ClioSimulatorData.ACTIVITY_TYPES.contains(type)) {
                throw ClioApiException.badRequest("type must be one of TimeEntry, ExpenseEntry, HardCostEntry, SoftCostEntry");
            }
            p = p.and(r -> type.equals(r.get("type")));
        }
        return p;
    }

    /** Records whose nested {@code key} object has the id the {@code param} parameter names; all without it. */
    static Predicate<Map<String, Object>> byRef(SimExchange ex, String param, String key) {
        String v = ex.param(param);
        if (v == null) {
            return r -> true;
        }
        long id = parseLongParam(param, v);
        return r -> r.get(key) instanceof Map<?, ?> ref && ((Number) ref.get("id")).longValue() == id;
    }

    static boolean contains(Object text, String lowerQuery) {
        return text instanceof String s && s.toLowerCase(java.util.Locale.ROOT).contains(lowerQuery);
    }

    static Map<String, Object> dataObject(Map<String, Object> body) {
        if (!(body.get("data") instanceof Map<?, ?> data)) {
            throw ClioApiException.unprocessable("The body must be {\"data\": {…}}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) data;
        return d;
    }

    Predicate<Map<String, Object>> commonFilter(SimExchange ex) {
        Predicate<Map<String, Object>> p = r -> true;
        Instant updatedSince = instantParam(ex, "updated_since");
        if (updatedSince != null) {
            p = p.and(r -> !OffsetDateTime.parse((String) r.get("updated_at")).toInstant().isBefore(updatedSince));
        }
        Instant createdSince = instantParam(ex, "created_since");
        if (createdSince != null) {
            p = p.and(r -> !OffsetDateTime.parse((String) r.get("created_at")).toInstant().isBefore(createdSince));
        }
        List<String> ids = ex.query().get("ids[]");
        if (ids != null) {
            Set<Long> wanted = ids.stream().map(s -> parseLongParam("ids[]", s)).collect(Collectors.toSet());
            p = p.and(r -> wanted.contains(((Number) r.get("id")).longValue()));
        }
        return p;
    }

    // ------------------------------------------------------------------ parameters

    /** The request's {@code fields} for {@code resource} (Clio's schema name); {@code id,etag} without one. */
    static ClioFields.Selection selection(SimExchange ex, String resource) {
        return ClioFields.spec().select(resource, ex.param("fields"));
    }

    static Instant instantParam(SimExchange ex, String name) {
        String v = ex.param(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v.trim());
            } catch (DateTimeParseException e2) {
                throw ClioApiException.badRequest(name + " must be an ISO-8601 timestamp");
            }
        }
    }

    static int intParam(SimExchange ex, String name, int dflt) {
        String v = ex.param(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ClioApiException.badRequest(name + " must be an integer");
        }
    }

    static long parseLongParam(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ClioApiException.badRequest(name + " must be an integer");
        }
    }

    static long parseId(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ClioApiException.notFound("Record " + v);
        }
    }

    static Map<String, Object> jsonBody(SimExchange ex) {
        try {
            return Json.parseObject(ex.body());
        } catch (JsonProcessingException e) {
            throw ClioApiException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw notSimulated(actual);
        }
    }

    static ClioApiException notSimulated(String method) {
        return new ClioApiException(501, "NotImplemented", method + " is not simulated on this path");
    }

    /** Same URL with every parameter kept except the cursor ones, plus the new cursor. */
    static String encodePageToken(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("clio-sim:v1:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    static long decodePageToken(String token) {
        if (token == null || token.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("clio-sim:v1:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring("clio-sim:v1:".length()));
        } catch (IllegalArgumentException e) {
            throw ClioApiException.badRequest("Invalid page_token");
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
