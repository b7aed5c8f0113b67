package org.matterhub.connectors.kernel;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token a connector sends, kept fresh: loaded from the connection's token store on first use,
 * refreshed ahead of expiry or after a 401 by a single flight shared by all threads, and saved through the
 * store <em>before</em> any request uses the new token. Inside the flight the store is re-read: when its
 * access token is no longer the rejected one, another thread or node already refreshed, and that token is
 * used instead of refreshing again.
 *
 * @param <T> the vendor's token record
 */
public final class TokenSession<T extends OAuthTokens> {

    /** Builds the vendor's "re-authorisation required" exception. */
    @FunctionalInterface
    public interface Reauthorization {
        RuntimeException required(String method, String path, String errorCode, String message);
    }

    private static final Logger log = LoggerFactory.getLogger(TokenSession.class);

    private final String vendor;
    private final Supplier<T> load;
    private final Consumer<T> save;
    private final Function<String, T> refresh;
    private final Reauthorization reauthorization;
    private final Clock clock;
    private final Duration refreshAhead;
    private final SingleFlight<String, T> flight = new SingleFlight<>();
    private volatile T tokens;

    /**
     * @param load    reads the stored tokens (null when none)
     * @param save    persists tokens; called before they are used
     * @param refresh exchanges a refresh token for new tokens at the vendor
     */
    public TokenSession(String vendor, Supplier<T> load, Consumer<T> save, Function<String, T> refresh,
                        Reauthorization reauthorization, Clock clock, Duration refreshAhead) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.reauthorization = Objects.requireNonNull(reauthorization, "reauthorization");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
    }

    /** The tokens to send now, refreshed first when they expire within the refresh margin. */
    public T current(String method, String path) {
        T t = tokens;
        if (t == null) {
            t = load.get();
            if (t == null) {
                throw reauthorization.required(method, path, "no_tokens", "connection has no tokens");
            }
            tokens = t;
        }
        if (t.refreshToken() != null && t.expiresWithin(refreshAhead, clock.instant())) {
            t = refreshReplacing(t.accessToken(), method, path);
        }
        return t;
    }

    /** Replaces a rejected (or expiring) access token, once for all threads that ask together. */
    public T refreshReplacing(String rejectedAccessToken, String method, String path) {
        return flight.run("refresh", () -> {
            T stored = load.get();
            if (stored != null && !stored.accessToken().equals(rejectedAccessToken)
                    && !stored.expiresWithin(refreshAhead, clock.instant())) {
                tokens = stored;
                return stored;
            }
            if (stored == null || stored.refreshToken() == null) {
                throw reauthorization.required(method, path, "no_refresh_token", "connection has no refresh token");
            }
            T fresh = refresh.apply(stored.refreshToken());
            save.accept(fresh);
            tokens = fresh;
            log.info("{} access token refreshed; expires at {}", vendor, fresh.expiresAt());
            return fresh;
        });
    }
}
