package org.matterhub.simulators.common;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request received by a simulator, with the status it answered.
 *
 * @param method  HTTP method
 * @param path    path without query string
 * @param query   raw query string, or {@code null}
 * @param headers request headers (names as received by the JDK server, i.e. first letter upper-cased)
 * @param body    request body as UTF-8 text ("" when empty)
 * @param status  response status; {@code 0} when no response was sent (TIMEOUT / LOST_RESPONSE faults)
 * @param at      when the request arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              String body, int status, Instant at) {

    /** First value of a header, case-insensitive, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
