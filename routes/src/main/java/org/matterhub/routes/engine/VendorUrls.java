package org.matterhub.routes.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.matterhub.connectors.kernel.PinnedHttp;
import org.matterhub.connectors.kernel.VendorHosts;
import org.matterhub.connectors.kernel.VendorUrlException;
import org.matterhub.connectors.kernel.VendorUrlGuard;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where the hub may send a firm's vendor traffic, and the HTTP clients that send it. Every vendor URL a firm admin
 * gives (a connection's base URL, NetDocuments' {@code apiBaseUrl}) is checked when the connection is started, when
 * its settings change, and again each time a client is built from the stored row; every connection the clients open
 * goes through the {@link PinnedHttp} tunnel, which resolves, checks and connects to the same address.
 *
 * <p>{@code matterhub.security.loopback-vendor-urls} (default {@code false}) lets {@code 127.0.0.1} and {@code localhost} through, over
 * plain HTTP too, for the vendor simulators of the demo and the tests; the demo profile turns it on.
 */
@Component
public class VendorUrls implements AutoCloseable {

    private final VendorUrlGuard guard;
    private final PinnedHttp pinned;

    @org.springframework.beans.factory.annotation.Autowired
    public VendorUrls(@Value("${matterhub.security.loopback-vendor-urls:false}") boolean loopback) {
        this(new VendorUrlGuard(loopback, InetAddress::getAllByName));
    }

    public VendorUrls(VendorUrlGuard guard) {
        this.guard = guard;
        this.pinned = new PinnedHttp(guard, Duration.ofSeconds(10));
    }

    /** Whether loopback simulators are allowed (the demo and the tests only). */
    public boolean allowsLoopback() {
        return guard.allowsLoopback();
    }

    /**
     * {@code url} parsed, when the hub may call it for {@code hosts}' vendor; a 422 problem saying why otherwise (in
     * the hub's words: neither the URL's text nor anything its server says).
     */
    public URI require(String url, VendorHosts hosts) {
        try {
            return guard.check(url, hosts);
        } catch (VendorUrlException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid base URL", e.getMessage() + ".");
        }
    }

    /** {@code url} parsed when allowed; a {@link VendorUrlException} otherwise (for background work). */
    public URI verify(String url, VendorHosts hosts) {
        return guard.check(url, hosts);
    }

    /** A client whose connections go through the tunnel, with {@code connectTimeout}. */
    public HttpClient http(Duration connectTimeout) {
        return pinned.builder().connectTimeout(connectTimeout).build();
    }

    @Override
    @jakarta.annotation.PreDestroy
    public void close() {
        pinned.close();
    }
}
