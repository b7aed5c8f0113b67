package org.matterhub.simulators.common;

import java.time.Duration;

/**
 * The options every simulator has (port, TIMEOUT-fault hold, access-token lifetime), for a vendor's options
 * builder to extend; a vendor setter is one line, {@code return set(() -> library = v);}.
 *
 * @param <B> the vendor's builder
 * @param <O> the options it builds
 */
public abstract class OptionsBuilder<B extends OptionsBuilder<B, O>, O> {

    protected int port;
    protected Duration timeoutFaultHold = Duration.ofMinutes(5);
    protected Duration accessTokenTtl = Duration.ofHours(1);

    /** Checks a TCP port (0 = ephemeral) and returns it. */
    public static int requirePort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    /** Runs a vendor field's assignment; returns this builder. */
    @SuppressWarnings("unchecked")
    protected final B set(Runnable assignment) {
        assignment.run();
        return (B) this;
    }

    /** TCP port on 127.0.0.1; 0 (the default) = ephemeral. */
    public B port(int p) {
        return set(() -> port = p);
    }

    /** How long a TIMEOUT fault holds a request before dropping it (default 5 minutes). */
    public B timeoutFaultHold(Duration hold) {
        return set(() -> timeoutFaultHold = hold);
    }

    /** Lifetime of access tokens ({@code expires_in}); Clio's is fixed at 30 days and ignores it. */
    public B accessTokenTtl(Duration ttl) {
        return set(() -> accessTokenTtl = ttl);
    }

    public abstract O build();
}
