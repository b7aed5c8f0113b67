package org.matterhub.connectors.kernel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code application/x-www-form-urlencoded} bodies and query strings, and URI path segments. */
public final class FormEncoding {

    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@";

    private FormEncoding() {
    }

    /** {@code k=v&k2=v2}, UTF-8, spaces as {@code %20}; null values are left out. */
    public static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** One form or query component. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * One path segment (RFC 3986 {@code pchar}): unreserved characters and sub-delimiters such as the
     * {@code !} of iManage ids stay as they are, everything else (including {@code /}, {@code ?},
     * {@code #}, {@code %}) is percent-encoded as UTF-8.
     */
    public static String pathSegment(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || PATH_SAFE.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
