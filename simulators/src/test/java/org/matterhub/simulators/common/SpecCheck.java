package org.matterhub.simulators.common;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * Checks a response a simulator test received against its vendor's spec: a vendor's {@link Findings} says what the
 * spec (or the named evidence) finds wrong with it; any finding fails the test. The simulators' own {@code /_control}
 * API is no part of any vendor and is not checked.
 */
public final class SpecCheck {

    /** What the vendor's spec finds wrong with one response (empty = it conforms). */
    @FunctionalInterface
    public interface Findings {
        List<String> of(String method, String path, int status, String contentType, String body);
    }

    private SpecCheck() {
    }

    public static <T> HttpResponse<T> check(HttpResponse<T> r, String spec, Findings findings) {
        String path = r.request().uri().getRawPath();
        if (path.startsWith("/_control")) {
            return r;
        }
        String body = r.body() instanceof String s ? s : null;
        List<String> found = findings.of(r.request().method(), path, r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(null), body);
        if (!found.isEmpty()) {
            throw new AssertionError(r.request().method() + " " + path + " -> " + r.statusCode()
                    + " does not conform to the " + spec + ": " + found + "\n" + body);
        }
        return r;
    }
}
