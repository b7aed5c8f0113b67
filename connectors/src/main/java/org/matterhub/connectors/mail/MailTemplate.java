package org.matterhub.connectors.mail;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notification's subject, text and HTML with {@code {{name}}} placeholders. Rendering is deliberately tiny and safe:
 * no expressions, no loops, no includes; every value is HTML-escaped in the HTML body, line breaks are removed from the
 * subject (no header injection), and a placeholder without a value is an error rather than a blank.
 */
public record MailTemplate(String subject, String text, String html) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*}}");

    public MailTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** The rendered parts of a mail. */
    public record Rendered(String subject, String text, String html) {
    }

    public Rendered render(Map<String, String> values) {
        String renderedSubject = fill(subject, values, false).replaceAll("[\\r\\n\\t]+", " ").strip();
        return new Rendered(renderedSubject, fill(text, values, false), fill(html, values, true));
    }

    private static String fill(String template, Map<String, String> values, boolean escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape ? escapeHtml(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code value} escaped for HTML text and quoted attribute values. */
    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
