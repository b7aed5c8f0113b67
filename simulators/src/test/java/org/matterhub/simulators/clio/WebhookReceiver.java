package org.matterhub.simulators.clio;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tiny JDK HttpServer standing in for the hub's webhook endpoint. Records raw bodies and headers. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String hookSecret, String signature, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final List<Received> handshakes = new CopyOnWriteArrayList<>();
    final List<Received> deliveries = new CopyOnWriteArrayList<>();
    /** Statuses to answer deliveries with, in order; 200 once exhausted. */
    final Deque<Integer> scriptedStatuses = new ConcurrentLinkedDeque<>();
    volatile boolean echoSecret = true;
    private final HttpServer server;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/clio", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String secret = ex.getRequestHeaders().getFirst("X-Hook-Secret");
            Received r = new Received(secret, ex.getRequestHeaders().getFirst("X-Hook-Signature"), body);
            int status;
            if (secret != null) {
                handshakes.add(r);
                if (echoSecret) {
                    ex.getResponseHeaders().set("X-Hook-Secret", secret);
                }
                status = 200;
            } else {
                deliveries.add(r);
                Integer scripted = scriptedStatuses.poll();
                status = scripted == null ? 200 : scripted;
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/clio";
    }

    List<Received> deliveries() {
        return new ArrayList<>(deliveries);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
