package org.matterhub.connectors.mail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * An attachment of an incoming reply, untrusted: {@code filename} is reduced to a safe base name (no directories, no
 * control characters, no leading dots), {@code originalFilename} is what the mail said, and {@code declaredContentType}
 * is the sender's claim, which the hub's upload inspector checks against the bytes.
 */
public record MailAttachment(String filename, String originalFilename, String declaredContentType, byte[] content) {

    public MailAttachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(declaredContentType, "declaredContentType");
        Objects.requireNonNull(content, "content");
    }

    public InputStream open() {
        return new ByteArrayInputStream(content);
    }

    public long size() {
        return content.length;
    }

    /** A safe base name for {@code name}: the last path segment, printable, without leading dots, at most 200 chars. */
    public static String safeFilename(String name) {
        if (name == null) {
            return "attachment";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder(base.length());
        base.codePoints().filter(c -> !Character.isISOControl(c) && c != ':' && c != '*' && c != '?' && c != '"'
                && c != '<' && c != '>' && c != '|').forEach(out::appendCodePoint);
        String cleaned = out.toString().strip().replaceFirst("^\\.+", "").strip();
        if (cleaned.length() > 200) {
            cleaned = cleaned.substring(cleaned.length() - 200);
        }
        return cleaned.isEmpty() ? "attachment" : cleaned;
    }
}
