package org.matterhub.routes.billing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what a damaged webhook body still says, to park it on the connection it names. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /** The first value of any of {@code fields} (a JSON string of at most 64 characters), or null. */
    public static String firstValue(byte[] raw, String... fields) {
        String text = new String(raw, StandardCharsets.UTF_8);
        for (String f : fields) {
            Matcher m = Pattern.compile("\"" + f + "\"\\s*:\\s*\"([^\"]{1,64})\"").matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
