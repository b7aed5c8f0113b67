package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.matterhub.simulators.xero.XeroSimulator;
import org.matterhub.simulators.xero.XeroSimulatorOptions;
import org.matterhub.simulators.xero.XeroWebhooks;

/**
 * {@link XeroWebhookVerifier} and {@link XeroWebhookParser}: signatures as the simulator signs them, the
 * Intent-to-Receive handshake answered by a small receiver built on both, real deliveries of the simulator's
 * change events, and bodies that are not Xero's payload.
 */
@Timeout(30)
class XeroWebhookTest {

    private static final String KEY = "webhook-key-for-tests";

    private final XeroWebhookVerifier verifier = new XeroWebhookVerifier(KEY);
    private final XeroWebhookParser parser = new XeroWebhookParser();
    private XeroSimulator sim;
    private HttpServer receiver;
    private final List<XeroEntityEvent> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults());
        sim.webhooks().setWebhookKey(KEY);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/xero", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean valid = verifier.verify(body, exchange.getRequestHeaders().getFirst(XeroHeaders.SIGNATURE));
            if (valid) {
                received.addAll(parser.parse(body));
            }
            exchange.sendResponseHeaders(valid ? 200 : 401, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sim.close();
    }

    private URI receiverUrl() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/xero");
    }

    @Test
    void theIntentToReceiveHandshakePassesWithAnEmptyEventList() throws Exception {
        XeroWebhooks.IntentResult result = sim.webhooks().intentToReceive(receiverUrl());

        assertThat(result.passed()).isTrue();
        assertThat(result.signedStatus()).isEqualTo(200);
        assertThat(result.badlySignedStatus()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    @Test
    void deliveredChangeEventsVerifyAndParse() throws Exception {
        sim.seedDemoOrganisation();
        assertThat(sim.webhooks().deliverPending(receiverUrl())).isEqualTo(200);

        assertThat(received).isNotEmpty().allSatisfy(e -> {
            assertThat(e.tenantId()).isEqualTo(sim.tenantId());
            assertThat(e.resourceId()).isNotNull();
            assertThat(e.eventType()).isIn("CREATE", "UPDATE");
            assertThat(e.eventDateUtc()).isNotNull();
        });
        assertThat(received).extracting(XeroEntityEvent::category)
                .contains(XeroEntityEvent.Category.CONTACT, XeroEntityEvent.Category.INVOICE);
        assertThat(received).filteredOn(e -> e.category() == XeroEntityEvent.Category.CONTACT).hasSize(3);
    }

    @Test
    void signaturesAreCheckedOverTheExactBytes() {
        byte[] body = "{\"events\":[],\"firstEventSequence\":1,\"lastEventSequence\":1,\"entropy\":\"ABC\"}"
                .getBytes(StandardCharsets.UTF_8);
        String good = XeroWebhooks.sign(body, KEY);

        assertThat(verifier.verify(body, good)).isTrue();
        assertThat(verifier.verify(body, " " + good + " ")).isTrue();
        assertThat(verifier.verify(body, XeroWebhooks.sign(body, KEY + "-other"))).isFalse();
        byte[] altered = body.clone();
        altered[altered.length - 3] = 'X';
        assertThat(verifier.verify(altered, good)).isFalse();
        assertThat(verifier.verify(body, null)).isFalse();
        assertThat(verifier.verify(body, "")).isFalse();
        assertThat(verifier.verify(body, "not base64 at all!")).isFalse();
        assertThat(verifier.verify(null, good)).isFalse();
        assertThat(verifier.toString()).doesNotContain(KEY).contains("webhookKey=****");
        assertThatThrownBy(() -> new XeroWebhookVerifier(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsParseWithTheirFieldsAndUnknownCategoriesAreSkipped() {
        UUID tenant = UUID.randomUUID();
        UUID invoice = UUID.randomUUID();
        String body = "{\"events\":["
                + "{\"resourceUrl\":\"https://api.xero.com/api.xro/2.0/Invoices/" + invoice + "\",\"resourceId\":\""
                + invoice + "\",\"eventDateUtc\":\"2026-05-01T10:15:39.902\",\"eventType\":\"UPDATE\","
                + "\"eventCategory\":\"INVOICE\",\"tenantId\":\"" + tenant + "\",\"tenantType\":\"ORGANISATION\"},"
                + "{\"resourceId\":\"" + UUID.randomUUID() + "\",\"eventDateUtc\":\"2026-05-01T10:16:00Z\","
                + "\"eventType\":\"CREATE\",\"eventCategory\":\"QUOTE\",\"tenantId\":\"" + tenant + "\"}"
                + "],\"firstEventSequence\":5,\"lastEventSequence\":6,\"entropy\":\"XYZ\"}";

        assertThat(parser.parse(body.getBytes(StandardCharsets.UTF_8))).containsExactly(new XeroEntityEvent(tenant,
                XeroEntityEvent.Category.INVOICE, invoice, "UPDATE", Instant.parse("2026-05-01T10:15:39.902Z")));
        assertThat(parser.parse("{\"events\":[],\"entropy\":\"E\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void bodiesThatAreNotXerosPayloadFailClearly() {
        Map<String, String> bad = Map.of(
                "", "empty",
                "<html>oops</html>", "not JSON",
                "[1,2]", "not a JSON object",
                "{\"entropy\":\"E\"}", "no events array",
                "{\"events\":[42]}", "not an object",
                "{\"events\":[{\"eventCategory\":\"INVOICE\",\"eventType\":\"UPDATE\",\"eventDateUtc\":\"2026-05-01T10:15:39\","
                        + "\"tenantId\":\"" + UUID.randomUUID() + "\"}]}", "no resourceId",
                "{\"events\":[{\"eventCategory\":\"INVOICE\",\"eventType\":\"UPDATE\",\"eventDateUtc\":\"yesterday\","
                        + "\"tenantId\":\"" + UUID.randomUUID() + "\",\"resourceId\":\"" + UUID.randomUUID() + "\"}]}",
                "invalid eventDateUtc",
                "{\"events\":[{\"eventCategory\":\"CONTACT\",\"eventType\":\"UPDATE\",\"eventDateUtc\":\"2026-05-01T10:15:39\","
                        + "\"tenantId\":\"not-a-uuid\",\"resourceId\":\"" + UUID.randomUUID() + "\"}]}", "invalid tenantId");
        bad.forEach((body, why) -> assertThatThrownBy(() -> parser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .as(why).isInstanceOf(XeroWebhookParseException.class).hasMessageContaining(why));
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(XeroWebhookParseException.class);
    }
}
