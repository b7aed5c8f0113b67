package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.ApiError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An error answer in Xero's shapes: the 400 {@code ValidationException} envelope or the problem body. */
final class XeroApiException extends ApiError {

    XeroApiException(int status, Object body, String message) {
        super(status, body, message);
    }

    /** 400 {@code {"ErrorNumber":10,"Type":"ValidationException",…,"Elements":[{…,"ValidationErrors":[…]}]}}. */
    static XeroApiException validation(Map<String, Object> element, String... messages) {
        Map<String, Object> el = new LinkedHashMap<>(element == null ? Map.of() : element);
        el.put("ValidationErrors", java.util.Arrays.stream(messages).map(m -> Map.of("Message", m)).toList());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("ErrorNumber", 10);
        b.put("Type", "ValidationException");
        b.put("Message", "A validation exception occurred");
        b.put("Elements", List.of(el));
        return new XeroApiException(400, b, String.join("; ", messages));
    }

    /** Problem body {@code {"Type":null,"Title":…,"Status":…,"Detail":…}} (401/403/404/429 and others). */
    static XeroApiException problem(int status, String title, String detail) {
        return new XeroApiException(status, problemBody(status, title, detail), detail);
    }

    static Map<String, Object> problemBody(int status, String title, String detail) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("Type", null);
        b.put("Title", title);
        b.put("Status", status);
        b.put("Detail", detail);
        b.put("Instance", java.util.UUID.randomUUID().toString());
        return b;
    }

    static XeroApiException notFound(String what) {
        return problem(404, "NotFound", "The resource you're looking for cannot be found: " + what);
    }
}
