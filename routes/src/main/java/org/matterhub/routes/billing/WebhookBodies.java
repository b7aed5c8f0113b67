package org.matterhub.routes.billing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a webhook delivery: what a damaged body still says, to park it on the connection it names, and a delivery's
 * changes grouped by the account they belong to.
 */
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

    /**
     * The changes of a delivery grouped by the account each belongs to ({@link BillingWebhooks#changesByAccount}): per
     * account, in delivery order, each change's {@code fields} (null as {@code null}) joined by {@code :} and ended
     * by {@code ;}.
     */
    public static <T> Map<String, String> changesByAccount(Iterable<T> changes, Function<T, String> account,
                                                           Function<T, List<?>> fields) {
        Map<String, StringBuilder> byAccount = new LinkedHashMap<>();
        for (T change : changes) {
            String key = fields.apply(change).stream().map(String::valueOf).collect(Collectors.joining(":"));
            byAccount.computeIfAbsent(account.apply(change), k -> new StringBuilder()).append(key).append(';');
        }
        Map<String, String> out = new LinkedHashMap<>();
        byAccount.forEach((a, key) -> out.put(a, key.toString()));
        return out;
    }
}
