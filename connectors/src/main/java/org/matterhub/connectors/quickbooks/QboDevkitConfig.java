package org.matterhub.connectors.quickbooks;

import com.intuit.ipp.util.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The devkit settings one connection needs, applied to the calling thread for the length of one call.
 *
 * <p>The devkit's {@code Config} is a plain (not inheritable) {@code ThreadLocal}: each thread starts from
 * {@code intuit-default-config.xml}, and every request builds its Apache HTTP client from the calling thread's
 * values (base URL, proxy, timeouts, retry policy). Setting the values right before a call and restoring the
 * previous ones right after therefore keeps connections with different base URLs or proxies apart, whichever
 * thread pool they run on, and leaves pooled threads as found.
 */
final class QboDevkitConfig {

    private final Map<String, String> values = new LinkedHashMap<>();

    QboDevkitConfig(QboProperties properties) {
        values.put(Config.BASE_URL_QBO, properties.apiBaseUrl().toString());
        // QBO answers XML unless asked for JSON; the devkit's Accept and Content-Type follow these two settings
        // (PrepareRequestInterceptor), and its generated classes can only be read from JSON with this runtime
        values.put(Config.SERIALIZATION_REQUEST_FORMAT, "json");
        values.put(Config.SERIALIZATION_RESPONSE_FORMAT, "json");
        values.put(Config.PROXY_HOST, properties.hasProxy() ? properties.proxyHost() : "");
        values.put(Config.PROXY_PORT, properties.hasProxy() ? Integer.toString(properties.proxyPort()) : "");
        // the client decides about retries (and counts them against the rate limit); the devkit never retries
        values.put(Config.RETRY_MODE, "fixed");
        values.put(Config.RETRY_FIXED_COUNT, "0");
        values.put(Config.RETRY_FIXED_INTERVAL, "0");
        values.put(Config.TIMEOUT_CONNECTION, Long.toString(properties.connectTimeout().toMillis()));
        values.put(Config.TIMEOUT_REQUEST, Long.toString(properties.requestTimeout().toMillis()));
    }

    /** Applies the settings to this thread until the returned scope is closed. */
    Scope apply() {
        Map<String, String> previous = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            previous.put(key, Config.getProperty(key));
            Config.setProperty(key, value);
        });
        return new Scope(previous);
    }

    /** Restores the thread's previous settings. */
    static final class Scope implements AutoCloseable {

        private final Map<String, String> previous;

        private Scope(Map<String, String> previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            previous.forEach((key, value) -> Config.setProperty(key, value == null ? "" : value));
        }
    }
}
