package org.matterhub.simulators.xero;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook signing ({@code x-xero-signature} = Base64 HMAC-SHA256 of the raw body with the webhook key) and the
 * intent-to-receive exchange, against a receiver that verifies the way Xero's docs prescribe.
 */
class XeroWebhookTest {

    private static final String RECEIVER_KEY = "the-app-webhook-key";

    private XeroSimulator sim;
    private HttpServer receiver;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final AtomicBoolean verify = new AtomicBoolean(true);

    @BeforeEach
    void start() throws Exception {
        sim = XeroSimulator.start(XeroSimulatorOptions.defaults());
        sim.webhooks().setWebhookKey(RECEIVER_KEY);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/xero", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String sig = ex.getRequestHeaders().getFirst("x-xero-signature");
            boolean ok = !verify.get() || (sig != null && MessageDigest.isEqual(
                    hmac(body, RECEIVER_KEY).getBytes(StandardCharsets.US_ASCII),
                    sig.getBytes(StandardCharsets.US_ASCII)));
            if (ok) {
                accepted.add(new String(body, StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(ok ? 200 : 401, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sim.close();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/xero");
    }

    private static String hmac(byte[] body, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signatureIsBase64HmacSha256OfTheRawBody() {
        byte[] body = "{\"events\":[],\"firstEventSequence\":0,\"lastEventSequence\":0,\"entropy\":\"ABC\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(XeroWebhooks.sign(body, "key")).isEqualTo(hmac(body, "key"));
        assertThat(XeroWebhooks.sign(body, "key")).isNotEqualTo(XeroWebhooks.sign(body, "other"));
    }

    @Test
    void aVerifyingReceiverPassesIntentToReceiveAndANonVerifyingOneFails() throws Exception {
        XeroWebhooks.IntentResult ok = sim.webhooks().intentToReceive(url());
        assertThat(ok.passed()).isTrue();
        assertThat(ok.signedStatus()).isEqualTo(200);
        assertThat(ok.badlySignedStatus()).isEqualTo(401);
        Map<?, ?> payload = (Map<?, ?>) Json.parse(accepted.get(0));
        assertThat((List<?>) payload.get("events")).isEmpty();

        verify.set(false);
        assertThat(sim.webhooks().intentToReceive(url()).passed()).isFalse();
    }

    @Test
    void changesAreDeliveredAsSignedEvents() throws Exception {
        XeroDemoSeed seed = sim.seedDemoOrganisation();
        int status = sim.webhooks().deliverPending(url());
        assertThat(status).isEqualTo(200);
        assertThat(sim.webhooks().pending()).isEmpty();
        Map<?, ?> payload = (Map<?, ?>) Json.parse(accepted.get(0));
        List<?> events = (List<?>) payload.get("events");
        assertThat(events).isNotEmpty();
        Map<?, ?> first = (Map<?, ?>) events.get(0);
        assertThat(first.get("eventCategory")).isEqualTo("CONTACT");
        assertThat(first.get("eventType")).isEqualTo("CREATE");
        assertThat(first.get("tenantId")).isEqualTo(seed.tenantId().toString());
        assertThat(first.get("tenantType")).isEqualTo("ORGANISATION");
        assertThat((String) first.get("resourceUrl")).endsWith("/api.xro/2.0/Contacts/" + first.get("resourceId"));
        assertThat(events).anySatisfy(e -> assertThat(((Map<?, ?>) e).get("eventCategory")).isEqualTo("INVOICE"));
        assertThat(((Number) payload.get("lastEventSequence")).intValue()).isEqualTo(events.size());

        // signed with a key the receiver does not hold: 401, and the event stays pending
        sim.webhooks().setWebhookKey("a-key-the-receiver-does-not-know");
        sim.data().touchInvoice(seed.openInvoiceId());
        assertThat(sim.webhooks().deliverPending(url())).isEqualTo(401);
        assertThat(sim.webhooks().pending()).hasSize(1);
    }
}
