package org.matterhub.simulators.common;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Helpers for the simulators' {@code /_control} HTTP APIs: JSON body access with clear 400 messages,
 * {@link FaultRule} parsing in the shape every control API accepts, and decoded path segments.
 */
public final class ControlSupport {

    private ControlSupport() {
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    public static Map<String, Object> body(SimExchange ex) throws JsonProcessingException {
        if (ex.body().isBlank()) {
            return new LinkedHashMap<>();
        }
        return Json.parseObject(ex.body());
    }

    /** A required string member. */
    public static String str(Map<String, Object> b, String key) {
        Object v = b.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return (String) v;
    }

    /** An optional string member ({@code null} when absent). */
    public static String optStr(Map<String, Object> b, String key) {
        Object v = b.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return (String) v;
    }

    /** An int member; {@code dflt < 0} makes it required. */
    public static int intValue(Map<String, Object> b, String key, int dflt) {
        Object v = b.get(key);
        if (v == null) {
            if (dflt < 0) {
                throw new IllegalArgumentException(key + " is required");
            }
            return dflt;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(key + " must be a number");
        }
        return ((Number) v).intValue();
    }

    /**
     * File content from a control body: {@code contentBase64} (any bytes) or {@code text} (UTF-8).
     */
    public static byte[] content(Map<String, Object> b) {
        String base64 = optStr(b, "contentBase64");
        if (base64 != null) {
            return Base64.getDecoder().decode(base64);
        }
        String text = optStr(b, "text");
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("contentBase64 or text is required");
    }

    /**
     * Parses a JSON {@link FaultRule}
     * ({@code {"kind":"SERVER_ERROR","method":"GET","pathRegex":"…","status":503,"times":2}}, also
     * {@code probability}, {@code latencyMillis}, {@code retryAfterSeconds}, {@code every}, {@code skip}); unset fields take the
     * builder's defaults.
     */
    public static FaultRule faultRule(Map<String, Object> b) {
        Object kind = b.get("kind");
        if (!(kind instanceof String)) {
            throw new IllegalArgumentException("kind is required: one of " + Arrays.toString(FaultKind.values()));
        }
        FaultRule.Builder r = FaultRule.builder(FaultKind.valueOf(((String) kind).toUpperCase(Locale.ROOT)));
        if (b.get("method") != null) {
            r.method(str(b, "method"));
        }
        if (b.get("pathRegex") != null) {
            r.pathRegex(str(b, "pathRegex"));
        }
        if (b.get("times") != null) {
            r.times(intValue(b, "times", -1));
        }
        if (b.get("probability") != null) {
            r.probability(((Number) b.get("probability")).doubleValue());
        }
        if (b.get("latencyMillis") != null) {
            r.latencyMillis(((Number) b.get("latencyMillis")).longValue());
        }
        if (b.get("status") != null) {
            r.status(intValue(b, "status", 0));
        }
        if (b.get("retryAfterSeconds") != null) {
            r.retryAfterSeconds(intValue(b, "retryAfterSeconds", 0));
        }
        if (b.get("every") != null) {
            r.every(intValue(b, "every", 1));
        }
        if (b.get("skip") != null) {
            r.skip(intValue(b, "skip", 0));
        }
        return r.build();
    }

    /** Path segments after {@code prefix}, percent-decoded; {@code "/a/b%21c"} → {@code [a, b!c]}. */
    public static String[] segments(String rawPath, String prefix) {
        String rest = rawPath.substring(prefix.length());
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty()) {
            return new String[0];
        }
        String[] s = rest.split("/");
        for (int i = 0; i < s.length; i++) {
            s[i] = URLDecoder.decode(s[i], StandardCharsets.UTF_8);
        }
        return s;
    }
}
