package org.matterhub.connectors.mail;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reduces an HTML reply to plain text with jsoup: nothing of the HTML survives but its text, so nothing from a mail is
 * ever rendered raw. Scripts, styles and other non-content elements are dropped with their text; the mail programs'
 * quote containers become a single {@code >} line, so that {@link QuotedText} removes them and their attribution as it
 * does for plain text; an Outlook reply header ends the text; signature containers go.
 * <table>
 *   <caption>Mail program markers</caption>
 *   <tr><td>Gmail</td><td>{@code div.gmail_quote}, {@code blockquote.gmail_quote}, {@code div.gmail_signature}</td></tr>
 *   <tr><td>Outlook (web, desktop, new)</td><td>{@code #divRplyFwdMsg}, {@code #appendonsend}, the
 *       {@code border-top:solid #E1E1E1} header div, {@code #Signature}</td></tr>
 *   <tr><td>Apple Mail</td><td>{@code blockquote[type=cite]}</td></tr>
 *   <tr><td>Thunderbird</td><td>{@code div.moz-cite-prefix}, {@code blockquote[type=cite]}, {@code .moz-signature}</td></tr>
 *   <tr><td>Yahoo</td><td>{@code div.yahoo_quoted}</td></tr>
 * </table>
 */
final class HtmlText {

    private static final String DROPPED = "script, style, head, title, noscript, template, iframe, object, embed, svg, "
            + "math, canvas, audio, video, form, button, select, textarea, input";
    private static final String SIGNATURES = "div.gmail_signature, [data-smartmail=gmail_signature], .moz-signature, "
            + "#Signature, [id$=_Signature]";
    private static final String QUOTES = "div.gmail_quote, div.gmail_quote_container, blockquote, div.moz-cite-prefix, "
            + "div.yahoo_quoted";
    private static final String HISTORY = "[id$=divRplyFwdMsg], [id$=appendonsend], div.OutlookMessageHeader, "
            + "hr#stopSpelling";
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "dd", "div", "dl",
            "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
            "nav", "ol", "p", "pre", "section", "table", "tr", "ul");

    private HtmlText() {
    }

    static String toText(String html) {
        Document document = Jsoup.parse(html);
        document.select(DROPPED).remove();
        document.select(SIGNATURES).remove();
        for (Element element : document.body().getAllElements()) {
            if (element.is(HISTORY) || outlookHeader(element)) {
                removeFromHere(element);
                break;
            }
        }
        for (Element quote : document.select(QUOTES)) {
            if (quote.parent() != null) {
                quote.replaceWith(new Element("div").text("> "));
            }
        }
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new Lines(out), document.body());
        return out.toString().lines().map(String::strip).collect(Collectors.joining("\n"));
    }

    private static boolean outlookHeader(Element element) {
        if (!element.normalName().equals("div") || !element.hasAttr("style")) {
            return false;
        }
        String style = element.attr("style").toLowerCase(Locale.ROOT).replaceAll("\\s", "");
        return style.contains("border-top:solid#e1e1e1") || style.contains("border-top:solid#b5c4df");
    }

    /** Removes {@code element} and everything after it in document order. */
    private static void removeFromHere(Element element) {
        Node node = element;
        while (node != null && !(node instanceof Element e && e.tagName().equals("body"))) {
            Node parent = node.parent();
            while (node.nextSibling() != null) {
                node.nextSibling().remove();
            }
            node = parent;
        }
        element.remove();
    }

    /** Writes text nodes, breaking lines at {@code br} and around block elements. */
    private static final class Lines implements NodeVisitor {

        private final StringBuilder out;
        private int pre;

        Lines(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                out.append(pre > 0 ? text.getWholeText() : text.text().replace('\u00a0', ' '));
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("br")) {
                    out.append('\n');
                } else if (BLOCKS.contains(tag)) {
                    newline();
                }
                if (tag.equals("pre")) {
                    pre++;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("pre")) {
                    pre--;
                }
                if (tag.equals("p") && !element.className().contains("MsoNormal")) {
                    newline();
                    out.append('\n');
                } else if (BLOCKS.contains(tag) || tag.equals("td")) {
                    newline();
                }
            }
        }

        private void newline() {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
    }
}
