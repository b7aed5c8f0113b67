package org.matterhub.portal.documents;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578 over RFC 2046): parts are handed out one at a time, each
 * body as a stream that ends at the part's delimiter, so a file part of any size passes through a fixed buffer of
 * {@value #BUFFER} bytes and is never held whole — neither in memory nor on disk. (The servlet container's own
 * multipart support would first spool every part to a temporary file; the upload endpoint switches it off.)
 *
 * <p>Strict where it matters: a body that ends before its closing delimiter, a part header block over
 * {@value #MAX_HEADER_BYTES} bytes, a part without {@code Content-Disposition: form-data; name=…}, or a boundary that
 * is not a valid RFC 2046 boundary is a {@link MalformedMultipartException}. File names are reported exactly as sent
 * (percent-decoded only for RFC 5987 {@code filename*}); judging them is the upload inspector's job.
 */
final class MultipartStream {

    static final int BUFFER = 64 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its form-field name, the file name if it is a file, its declared type, and its body. */
    record Part(String name, String fileName, String contentType, InputStream body) {
        boolean isFile() {
            return fileName != null;
        }
    }

    /** The request is not a well-formed multipart body. */
    static final class MalformedMultipartException extends IOException {
        MalformedMultipartException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int head;
    private int tail;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private PartStream current;

    MultipartStream(InputStream in, String boundary) throws MalformedMultipartException {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200 || boundary.endsWith(" ")
                || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new MalformedMultipartException("The multipart boundary is missing or invalid.");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.buf = new byte[BUFFER + delimiter.length];
        // The first boundary follows the start of the body rather than a CRLF: pretend the CRLF is there.
        buf[0] = '\r';
        buf[1] = '\n';
        tail = 2;
    }

    /** The boundary parameter of a {@code multipart/form-data} content type, or null when it is none. */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] pieces = contentType.split(";");
        if (!pieces[0].strip().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /**
     * The next part, or null after the closing delimiter. The previous part's body, if not read to its end, is
     * skipped.
     */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.drain();
        } else if (!started) {
            skipToDelimiter();
        }
        started = true;
        // After a delimiter: "--" closes the body; otherwise optional transport padding and CRLF.
        ensure(2);
        if (tail - head >= 2 && buf[head] == '-' && buf[head + 1] == '-') {
            finished = true;
            current = null;
            return null;
        }
        String padding = readLine(256);
        if (!padding.isBlank()) {
            throw new MalformedMultipartException("Unexpected bytes after a multipart boundary.");
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new MalformedMultipartException("A part has no Content-Disposition header.");
        }
        Map<String, String> params = parameters(disposition);
        if (!"form-data".equalsIgnoreCase(params.get(""))) {
            throw new MalformedMultipartException("A part is not form-data.");
        }
        String name = params.get("name");
        if (name == null || name.isEmpty()) {
            throw new MalformedMultipartException("A part has no name.");
        }
        String fileName = params.containsKey("filename*") ? extended(params.get("filename*")) : params.get("filename");
        current = new PartStream();
        return new Part(name, fileName, headers.get("content-type"), current);
    }

    // ------------------------------------------------------------------ headers

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int budget = MAX_HEADER_BYTES;
        String last = null;
        while (true) {
            String line = readLine(budget);
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                return headers;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                headers.put(last, headers.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException("A part header is malformed.");
            }
            last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.put(last, line.substring(colon + 1).strip());
        }
    }

    /** A CRLF-terminated line decoded as UTF-8 (what browsers send in part headers). */
    private String readLine(int max) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = head + scanned; i + 1 < tail; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    if (i - head > max) {
                        throw new MalformedMultipartException("A part's headers are longer than " + MAX_HEADER_BYTES
                                + " bytes.");
                    }
                    String line = new String(buf, head, i - head, StandardCharsets.UTF_8);
                    head = i + 2;
                    return line;
                }
            }
            scanned = Math.max(0, tail - head - 1);
            if (scanned > max || scanned >= BUFFER) {
                throw new MalformedMultipartException("A part's headers are longer than " + MAX_HEADER_BYTES + " bytes.");
            }
            if (eof) {
                throw new MalformedMultipartException("The multipart body ended inside a part's headers.");
            }
            fill();
        }
    }

    /**
     * {@code form-data; name="file"; filename="a.pdf"} → {"": "form-data", "name": "file", "filename": "a.pdf"}.
     * Quoted strings may contain {@code ;} and backslash-escaped characters.
     */
    static Map<String, String> parameters(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = header.length();
        int semi = indexOfUnquoted(header, 0);
        out.put("", header.substring(0, semi < 0 ? n : semi).strip());
        i = semi < 0 ? n : semi + 1;
        while (i < n) {
            int end = indexOfUnquoted(header, i);
            String p = header.substring(i, end < 0 ? n : end).strip();
            i = end < 0 ? n : end + 1;
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                StringBuilder sb = new StringBuilder();
                for (int k = 1; k < value.length() - 1; k++) {
                    char c = value.charAt(k);
                    if (c == '\\' && k + 1 < value.length() - 1) {
                        c = value.charAt(++k);
                    }
                    sb.append(c);
                }
                value = sb.toString();
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static int indexOfUnquoted(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 5987 {@code UTF-8''percent-encoded}; anything else is returned as sent. */
    private static String extended(String value) {
        int quote = value.indexOf("''");
        if (quote < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    // ------------------------------------------------------------------ bodies

    private void skipToDelimiter() throws IOException {
        PartStream preamble = new PartStream();
        preamble.drain();
    }

    private int indexOfDelimiter() {
        int last = tail - delimiter.length;
        outer:
        for (int i = head; i <= last; i++) {
            if (buf[i] != '\r') {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads until at least {@code n} bytes are buffered or the input ends. */
    private void ensure(int n) throws IOException {
        while (tail - head < n && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (head > 0) {
            System.arraycopy(buf, head, buf, 0, tail - head);
            tail -= head;
            head = 0;
        }
        if (tail == buf.length) {
            return;
        }
        int r = in.read(buf, tail, buf.length - tail);
        if (r < 0) {
            eof = true;
        } else {
            tail += r;
        }
    }

    /** A part's body: the bytes up to the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                if (at >= 0) {
                    int available = at - head;
                    if (available == 0) {
                        head = at + delimiter.length;
                        done = true;
                        return -1;
                    }
                    int n = Math.min(len, available);
                    System.arraycopy(buf, head, b, off, n);
                    head += n;
                    return n;
                }
                // No delimiter yet: everything but a possible delimiter prefix at the end is the part's.
                int safe = tail - head - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(len, safe);
                    System.arraycopy(buf, head, b, off, n);
                    head += n;
                    return n;
                }
                if (eof) {
                    throw new EOFException("The multipart body ended before its closing boundary.");
                }
                fill();
            }
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discarded
            }
        }
    }
}
