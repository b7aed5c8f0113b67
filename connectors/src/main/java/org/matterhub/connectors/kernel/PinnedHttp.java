package org.matterhub.connectors.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolve-then-connect for {@code java.net.http}: the JDK client has no resolver hook, so every vendor connection
 * goes through a tunnel in this process (an HTTP {@code CONNECT} proxy on a loopback port, which the JDK client uses
 * for {@code https} and keeps TLS end to end, certificate and host-name checks included). For each tunnel the proxy
 * resolves the host once with the {@link VendorUrlGuard}, refuses it unless every address is public, and opens the
 * socket to the very address it checked, so DNS cannot swap the address between check and connect.
 *
 * <p>Plain {@code http} is refused by the tunnel (405); only when the guard allows loopback (the demo and the tests)
 * does a request to {@code 127.0.0.1} or {@code localhost} go direct, for the vendor simulators.
 */
public final class PinnedHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PinnedHttp.class);
    private static final int MAX_HEADER = 8 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final VendorUrlGuard guard;
    private final Duration connectTimeout;
    private final ServerSocket server;
    private final ExecutorService pipes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vendor-tunnel-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** Starts the tunnel on an ephemeral loopback port. */
    public PinnedHttp(VendorUrlGuard guard, Duration connectTimeout) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the vendor connection tunnel", e);
        }
        pipes.execute(this::accept);
    }

    /** A client whose vendor connections go through this tunnel. */
    public HttpClient client() {
        return builder().build();
    }

    /** A client builder with the tunnel and the connect timeout set, for callers that add more. */
    public HttpClient.Builder builder() {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(proxySelector());
    }

    /** The proxy selector that sends every request through the tunnel (loopback direct only when allowed). */
    public ProxySelector proxySelector() {
        Proxy tunnel = new Proxy(Proxy.Type.HTTP, server.getLocalSocketAddress());
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
                return List.of(guard.allowsLoopback() && loopback ? Proxy.NO_PROXY : tunnel);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to fall back to
            }
        };
    }

    /** The tunnel's port (tests speak to it directly). */
    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pipes.execute(() -> tunnel(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Vendor tunnel accept failed: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    private void tunnel(Socket client) {
        Socket upstream = null;
        try {
            client.setSoTimeout((int) Math.max(1000, connectTimeout.toMillis()));
            String head = readHead(client.getInputStream());
            String[] line = head.split("\r\n", 2)[0].split(" ");
            if (line.length != 3 || !line[0].equals("CONNECT")) {
                refuse(client, "405 Method Not Allowed");
                return;
            }
            int colon = line[1].lastIndexOf(':');
            String host = colon < 0 ? line[1] : line[1].substring(0, colon);
            int port = colon < 0 ? 443 : Integer.parseInt(line[1].substring(colon + 1));
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            List<InetAddress> checked;
            try {
                checked = guard.addresses(host, "vendor");
            } catch (VendorUrlException e) {
                log.warn("Vendor tunnel refused a connection: {}", e.reason());
                refuse(client, "403 Forbidden");
                return;
            }
            upstream = new Socket();
            upstream.connect(new InetSocketAddress(checked.get(0), port), (int) connectTimeout.toMillis());
            client.setSoTimeout(0);
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Socket up = upstream;
            pipes.execute(() -> pipe(up, client));
            pipe(client, up);
        } catch (IOException | RuntimeException e) {
            closeQuietly(upstream);
            closeQuietly(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (b.size() < MAX_HEADER) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("tunnel request ended early");
            }
            b.write(c);
            matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
            if (matched == 4) {
                return b.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("tunnel request head too long");
    }

    private static void refuse(Socket client, String status) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.close();
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // best effort
        }
        pipes.shutdownNow();
    }
}
