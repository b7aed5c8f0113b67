package org.matterhub.simulators.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Content negotiation for vendors whose APIs answer XML unless the request asks for JSON (Xero, QuickBooks Online),
 * and a generic rendering of a JSON document as XML in the vendor's style.
 *
 * <p>The rendering is <b>deliberately simplified</b>: element names, nesting and the vendor's attributes follow the
 * JSON document (scalars become text, objects become elements, an array becomes repeated elements named by
 * {@link Style#itemName}); element order is the JSON order, not an XSD sequence, and values are the JSON values
 * unchanged (dates keep their JSON spelling). Enough for a client that forgot {@code Accept: application/json} to fail
 * as it would against the vendor.
 */
public final class XmlBody {

    /** The media type of an XML answer. */
    public static final String CONTENT_TYPE = "application/xml; charset=utf-8";

    private XmlBody() {
    }

    /**
     * Whether the request asks for JSON: an {@code Accept} naming {@code application/json} (or a {@code +json} type).
     * A missing {@code Accept}, {@code *}{@code /*} or {@code application/xml} gets XML, as the vendors do.
     */
    public static boolean wantsJson(SimExchange ex) {
        String accept = ex.header("Accept");
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") || a.contains("+json");
    }

    /**
     * How one vendor spells its XML.
     *
     * @param namespace  default namespace of the root element, or null
     * @param attributes member names rendered as attributes when their value is a scalar
     * @param textMember member whose scalar value becomes the element's text (QuickBooks' {@code value} of a
     *                   reference type), or null
     * @param itemName   the element name of an array's items, from the array's member name, inside an element
     *                   named as the member (Xero: {@code <Invoices><Invoice>}); null = the items repeat the
     *                   member's name without a wrapper (QuickBooks: {@code <Line>…</Line><Line>…</Line>})
     */
    public record Style(String namespace, Set<String> attributes, String textMember, UnaryOperator<String> itemName) {
    }

    /** {@code document} as XML under a root element {@code root}; the document's members become its children. */
    public static byte[] render(String root, JsonNode document, Style style) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        element(out, root, document, style, true);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder out, String name, JsonNode value, Style style, boolean root) {
        if (value == null || value.isNull()) {
            out.append('<').append(name).append(" />");
            return;
        }
        if (value.isArray() && style.itemName() == null) {
            value.forEach(v -> element(out, name, v, style, false));
            return;
        }
        if (value.isArray()) {
            String item = style.itemName().apply(name);
            out.append('<').append(name).append('>');
            value.forEach(v -> element(out, item, v, style, false));
            out.append("</").append(name).append('>');
            return;
        }
        out.append('<').append(name);
        if (root && style.namespace() != null) {
            out.append(" xmlns=\"").append(escape(style.namespace())).append('"');
        }
        if (!value.isObject()) {
            out.append('>').append(escape(value.asText())).append("</").append(name).append('>');
            return;
        }
        String text = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isValueNode() && !v.isNull() && f.getKey().equals(style.textMember())) {
                text = v.asText();
            } else if (v.isValueNode() && !v.isNull() && style.attributes().contains(f.getKey())) {
                out.append(' ').append(f.getKey()).append("=\"").append(escape(v.asText())).append('"');
            }
        }
        out.append('>');
        if (text != null) {
            out.append(escape(text));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            boolean asAttribute = v.isValueNode() && !v.isNull()
                    && (f.getKey().equals(style.textMember()) || style.attributes().contains(f.getKey()));
            if (!asAttribute) {
                element(out, f.getKey(), v, style, false);
            }
        }
        out.append("</").append(name).append('>');
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
