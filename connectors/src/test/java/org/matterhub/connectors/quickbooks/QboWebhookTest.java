package org.matterhub.connectors.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.quickbooks.QboSimulator;
import org.matterhub.simulators.quickbooks.QboSimulatorOptions;
import org.matterhub.simulators.quickbooks.QboWebhooks;

/** Webhooks as the simulator signs and sends them, in both payload formats, received over HTTP. */
class QboWebhookTest {

    private static final String VERIFIER = "verifier-token-123";

    private QboSimulator qbo;
    private HttpServer receiver;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        qbo = QboSimulator.start(QboSimulatorOptions.defaults());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/qbo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            signatures.add(ex.getRequestHeaders().getFirst(QboWebhookVerifier.SIGNATURE_HEADER));
            bodies.add(body);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        qbo.close();
    }

    @Test
    void legacyPayloadVerifiesAndParses() {
        List<QboEntityChange> changes = receiveAfterCreatingACustomer(QboWebhooks.Format.LEGACY);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.realmId()).isEqualTo("4620816365");
            assertThat(c.entity()).isEqualTo("Customer");
            assertThat(c.operation()).isEqualTo("Create");
            assertThat(c.id()).isEqualTo("1");
            assertThat(c.lastUpdated()).isNotNull();
        });
    }

    @Test
    void cloudEventsPayloadVerifiesAndParses() {
        List<QboEntityChange> changes = receiveAfterCreatingACustomer(QboWebhooks.Format.CLOUDEVENTS);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.realmId()).isEqualTo("4620816365");
            assertThat(c.entity()).isEqualTo("Customer");
            assertThat(c.operation()).isEqualTo("Create");
            assertThat(c.id()).isEqualTo("1");
        });
    }

    @Test
    void cloudEventsMapEntityAndOperationNames() {
        byte[] body = ("[{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"intuit.x\",\"type\":\"qbo.creditmemo.voided.v1\","
                + "\"time\":\"2026-02-01T10:00:00.000Z\",\"intuitentityid\":\"77\",\"intuitaccountid\":\"r1\",\"data\":{}},"
                + "{\"type\":\"qbo.invoice.deleted.v1\",\"intuitentityid\":\"8\",\"intuitaccountid\":\"r2\"}]")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new QboWebhookParser().parse(body)).containsExactly(
                new QboEntityChange("r1", "CreditMemo", "77", "Void", java.time.Instant.parse("2026-02-01T10:00:00Z")),
                new QboEntityChange("r2", "Invoice", "8", "Delete", null));
    }

    @Test
    void badOrMissingSignatureIsRejected() {
        byte[] body = "{\"eventNotifications\":[]}".getBytes(StandardCharsets.UTF_8);
        QboWebhookVerifier verifier = new QboWebhookVerifier(VERIFIER);
        assertThat(verifier.verify(body, QboWebhooks.sign(VERIFIER, body))).isTrue();
        assertThat(verifier.verify(body, QboWebhooks.sign("another-token", body))).isFalse();
        assertThat(verifier.verify(body, null)).isFalse();
        assertThat(verifier.verify(body, "not base64 !!")).isFalse();
        byte[] tampered = "{\"eventNotifications\":[{}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(tampered, QboWebhooks.sign(VERIFIER, body))).isFalse();
    }

    @Test
    void malformedBodiesThrow() {
        QboWebhookParser parser = new QboWebhookParser();
        for (String bad : List.of("", "not json", "{\"something\":1}", "42",
                "{\"eventNotifications\":[{\"dataChangeEvent\":{\"entities\":[]}}]}",
                "{\"eventNotifications\":[{\"realmId\":\"1\",\"dataChangeEvent\":{\"entities\":[{\"name\":\"Invoice\"}]}}]}",
                "[{\"type\":\"other.invoice.created.v1\",\"intuitentityid\":\"1\",\"intuitaccountid\":\"2\"}]",
                "[{\"type\":\"qbo.invoice.created.v1\",\"intuitaccountid\":\"2\"}]", "[1]")) {
            assertThatThrownBy(() -> parser.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(QboMalformedWebhookException.class);
        }
    }

    private List<QboEntityChange> receiveAfterCreatingACustomer(QboWebhooks.Format format) {
        qbo.webhooks().configure("http://127.0.0.1:" + receiver.getAddress().getPort() + "/qbo", VERIFIER, format);
        ObjectNode c = Json.mapper().createObjectNode().put("DisplayName", "Webhook Client");
        qbo.createRealm("4620816365").create("Customer", c);
        await().atMost(Duration.ofSeconds(10)).until(() -> !bodies.isEmpty());
        byte[] body = bodies.get(0);
        assertThat(new QboWebhookVerifier(VERIFIER).verify(body, signatures.get(0))).isTrue();
        assertThat(new QboWebhookVerifier("wrong").verify(body, signatures.get(0))).isFalse();
        return new QboWebhookParser().parse(body);
    }
}
