package org.matterhub.portal.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.matterhub.portal.contract.ContractProblems.Refusal;

/**
 * The edge checks of a JSON body that a schema cannot express: one well-formed JSON value and nothing after it, no
 * key twice in an object, no NUL or other control character (tab, line feed and carriage return aside) in any string
 * or key, nesting and numbers within bounds. Streams the bytes once; builds no tree.
 */
public final class StrictJson {

    static final int MAX_DEPTH = 64;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(40)
                    .maxStringLength(1 << 20).build())
            .build();

    private StrictJson() {
    }

    /** Null when the body passes, else why it does not. */
    public static Refusal check(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return malformed("The request body is empty; a JSON value is expected.");
            }
            int depth = 0;
            while (token != null) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    int bad = controlCharacter(parser.getText());
                    if (bad >= 0) {
                        String field = "body" + pointer(parser);
                        return new Refusal(400, ContractProblems.CONTROL_CHARACTERS, "Control characters",
                                "Strings may not hold NUL or other control characters (found U+%04X in %s)."
                                        .formatted(bad, field),
                                Map.of(field, "contains the control character U+%04X".formatted(bad)));
                    }
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            }
            if (parser.nextToken() != null) {
                return malformed("The request body holds more than one JSON value (trailing data after position "
                        + parser.currentTokenLocation().getCharOffset() + ").");
            }
            return null;
        } catch (JsonParseException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                return malformed("A key appears twice in one object: " + why.substring("Duplicate field ".length()) + ".");
            }
            return malformed("The request body is not well-formed JSON (at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException | RuntimeException e) {
            return malformed("The request body is not well-formed JSON, or nests or numbers beyond the limits.");
        }
    }

    /** The first control character of a string a person may send (tab, LF and CR are allowed in bodies), or -1. */
    static int controlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return c;
            }
        }
        return -1;
    }

    /** The first control character of a parameter or path (none allowed at all), or -1. */
    static int controlCharacterStrict(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return c;
            }
        }
        return -1;
    }

    private static String pointer(JsonParser parser) {
        StringBuilder b = new StringBuilder();
        var ctx = parser.getParsingContext();
        Deque<String> parts = new ArrayDeque<>();
        while (ctx != null && !ctx.inRoot()) {
            if (ctx.inObject() && ctx.getCurrentName() != null) {
                parts.push("." + ctx.getCurrentName());
            } else if (ctx.inArray()) {
                parts.push("[" + Math.max(0, ctx.getCurrentIndex()) + "]");
            }
            ctx = ctx.getParent();
        }
        parts.forEach(b::append);
        return b.toString();
    }

    private static Refusal malformed(String detail) {
        return Refusal.of(400, ContractProblems.MALFORMED_JSON, "Malformed request body", detail);
    }
}
