package org.matterhub.simulators.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Minimal {@code multipart/form-data} (RFC 7578) reader and writer for simulators and their tests:
 * parts carry a name, an optional file name and content type, and their bytes unchanged.
 */
public final class Multipart {

    private Multipart() {
    }

    /**
     * One part.
     *
     * @param name        the {@code name} of its {@code Content-Disposition}
     * @param filename    the {@code filename}, or {@code null} for a plain field
     * @param contentType its {@code Content-Type}, or {@code null}
     * @param data        its bytes
     */
    public record Part(String name, String filename, String contentType, byte[] data) {

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The boundary of a {@code multipart/form-data} content type, if it is one. */
    public static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? Optional.empty() : Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** Parses a body; throws {@link IllegalArgumentException} when it is not well-formed. */
    public static List<Part> parse(String contentType, byte[] body) {
        String boundary = boundary(contentType)
                .orElseThrow(() -> new IllegalArgumentException("Content-Type is not multipart/form-data with a boundary"));
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("multipart boundary not found");
        }
        List<Part> parts = new ArrayList<>();
        pos += delimiter.length;
        while (true) {
            if (pos + 2 <= body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            if (pos + 2 > body.length || body[pos] != '\r' || body[pos + 1] != '\n') {
                throw new IllegalArgumentException("malformed multipart body");
            }
            pos += 2;
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headerEnd < 0) {
                throw new IllegalArgumentException("multipart part without header end");
            }
            String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
            int dataStart = headerEnd + 4;
            int dataEnd = indexOf(body, nextDelimiter, dataStart);
            if (dataEnd < 0) {
                throw new IllegalArgumentException("multipart part is not terminated");
            }
            String name = null;
            String filename = null;
            String type = null;
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (key.equals("content-disposition")) {
                    name = dispositionParam(value, "name");
                    filename = dispositionParam(value, "filename");
                } else if (key.equals("content-type")) {
                    type = value;
                }
            }
            if (name == null) {
                throw new IllegalArgumentException("multipart part without a name");
            }
            parts.add(new Part(name, filename, type, Arrays.copyOfRange(body, dataStart, dataEnd)));
            pos = dataEnd + nextDelimiter.length;
        }
    }

    /** Encodes parts with {@code boundary}; use {@code "multipart/form-data; boundary=" + boundary}. */
    public static byte[] encode(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.filename() != null) {
                h.append("; filename=\"").append(p.filename()).append('"');
            }
            h.append("\r\n");
            if (p.contentType() != null) {
                h.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            h.append("\r\n");
            out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.data());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A plain text field. */
    public static Part field(String name, String value) {
        return new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part. */
    public static Part file(String name, String filename, String contentType, byte[] data) {
        return new Part(name, filename, contentType, data);
    }

    private static String dispositionParam(String disposition, String param) {
        for (String piece : disposition.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(param)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
