package org.matterhub.demo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.simulators.quickbooks.QboDemoSeed;
import org.matterhub.simulators.quickbooks.QboSimulator;
import org.matterhub.simulators.quickbooks.QboSimulatorOptions;
import org.matterhub.simulators.xero.XeroDemoSeed;
import org.matterhub.simulators.xero.XeroSimulator;
import org.matterhub.simulators.xero.XeroSimulatorData;
import org.matterhub.simulators.xero.XeroSimulatorOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo's accounting systems: a QuickBooks Online simulator (the demo company, Northwind's matters billed through
 * a sub-customer per matter) and a Xero simulator (the demo organisation, invoices carrying the matter number in their
 * Reference), started before the application context so that {@code matterhub.billing.*} — the apps' OAuth endpoints,
 * the SDK's proxy for QuickBooks, the webhook secrets — point at them. The hub's connections bill one demo client in
 * each: Northwind Holdings in QuickBooks, Bluebird Ventures in Xero ({@link DemoBilling}). Both simulators keep their
 * data in memory and are seeded afresh on every start; the portal's copy stays in the demo database, and the sync
 * brings it back in line.
 */
public class DemoAccounting implements EnvironmentPostProcessor {

    public static final String CLIENT_ID = "matterhub-demo";
    public static final String CLIENT_SECRET = "demo-secret-not-for-production";
    public static final String QBO_WEBHOOK_TOKEN = "demo-qbo-verifier-token";
    public static final String XERO_WEBHOOK_KEY = "demo-xero-webhook-key";

    /** The running simulators, handed to {@link DemoBilling}. */
    public record Simulators(QboSimulator quickbooks, QboDemoSeed quickbooksSeed, XeroSimulator xero, XeroDemoSeed xeroSeed) {
    }

    private static final Map<String, Simulators> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    /** The simulators started for the context whose {@code matterhub.demo.accounting-id} is {@code id}. */
    public static Simulators running(String id) {
        return RUNNING.get(id);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!Boolean.parseBoolean(env.getProperty("matterhub.demo.enabled", "false"))
                || !Boolean.parseBoolean(env.getProperty("matterhub.demo.billing", "true"))) {
            return;
        }
        QboSimulator qbo = QboSimulator.start(QboSimulatorOptions.defaults()
                .withPort(env.getProperty("matterhub.demo.quickbooks-simulator-port", Integer.class, 8094)));
        XeroSimulator xero;
        try {
            xero = XeroSimulator.start(XeroSimulatorOptions.defaults()
                    .withPort(env.getProperty("matterhub.demo.xero-simulator-port", Integer.class, 8095)));
        } catch (RuntimeException e) {
            qbo.close();
            throw e;
        }
        String clientId = env.getProperty("matterhub.billing.quickbooks.client-id", CLIENT_ID);
        String clientSecret = env.getProperty("matterhub.billing.quickbooks.client-secret", CLIENT_SECRET);
        String xeroId = env.getProperty("matterhub.billing.xero.client-id", CLIENT_ID);
        String xeroSecret = env.getProperty("matterhub.billing.xero.client-secret", CLIENT_SECRET);
        qbo.registerApp(clientId, clientSecret);
        xero.registerApp(xeroId, xeroSecret);
        QboDemoSeed qboSeed = qbo.seedDemoRealm();
        XeroDemoSeed xeroSeed = xero.seedDemoOrganisation();
        seedBluebird(xero.data());
        xero.webhooks().setWebhookKey(XERO_WEBHOOK_KEY);

        String id = UUID.randomUUID().toString();
        RUNNING.put(id, new Simulators(qbo, qboSeed, xero, xeroSeed));
        Map<String, Object> props = new HashMap<>();
        props.put("matterhub.demo.accounting-id", id);
        props.putAll(simulatorSettings(qbo, clientId, clientSecret, QBO_WEBHOOK_TOKEN, xero, xeroId, xeroSecret,
                XERO_WEBHOOK_KEY));
        env.getPropertySources().addFirst(new MapPropertySource("matterhubDemoAccounting", props));
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> {
            Simulators s = RUNNING.remove(id);
            if (s != null) {
                s.quickbooks().close();
                s.xero().close();
            }
        });
    }

    /** Bluebird's invoices in Xero beyond the simulator's demo set: one paid, one overdue, one voided. */
    static void seedBluebird(XeroSimulatorData data) {
        UUID bluebird = data.contacts().stream().filter(c -> "Bluebird Ventures LLC".equals(c.get("Name")))
                .map(c -> UUID.fromString((String) c.get("ContactID"))).findFirst().orElseThrow();
        UUID paid = data.authorisedInvoice(bluebird, "00008-Bluebird", "2026-05-04", "2026-06-03", "Shareholder agreement", "1980.00");
        Map<String, Object> pay = new LinkedHashMap<>();
        pay.put("Invoice", Map.of("InvoiceID", paid.toString()));
        pay.put("Account", Map.of("Code", XeroSimulatorData.BANK_ACCOUNT_CODE));
        pay.put("Date", "2026-05-20");
        pay.put("Amount", "1980.00");
        pay.put("Reference", "Wire BB-0008");
        data.createPayment(pay);
        data.authorisedInvoice(bluebird, "00009-Bluebird", "2026-06-01", "2026-07-01", "Employment policies review", "720.00");
        UUID voided = data.authorisedInvoice(bluebird, "00013-Bluebird", "2026-06-10", "2026-07-10", "Billed twice in error", "2400.00");
        Map<String, Object> voidIt = new LinkedHashMap<>();
        voidIt.put("InvoiceID", voided.toString());
        voidIt.put("Status", "VOIDED");
        data.upsertInvoice(voidIt, false);
    }

    /**
     * The hub's settings that point its QuickBooks and Xero clients at the two simulators: QuickBooks through the
     * devkit's proxy (its API host never resolves), Xero's OAuth and connections endpoints at the simulator.
     */
    public static Map<String, String> simulatorSettings(QboSimulator qbo, String qboId, String qboSecret, String qboVerifier,
                                                        XeroSimulator xero, String xeroId, String xeroSecret,
                                                        String xeroWebhookKey) {
        Map<String, String> s = new HashMap<>();
        s.put("matterhub.billing.quickbooks.client-id", qboId);
        s.put("matterhub.billing.quickbooks.client-secret", qboSecret);
        s.put("matterhub.billing.quickbooks.proxy-host", "127.0.0.1");
        s.put("matterhub.billing.quickbooks.proxy-port", Integer.toString(qbo.port()));
        s.put("matterhub.billing.quickbooks.token-url", qbo.baseUrl() + "/oauth2/v1/tokens/bearer");
        s.put("matterhub.billing.quickbooks.authorize-url", qbo.baseUrl() + "/connect/oauth2");
        s.put("matterhub.billing.quickbooks.webhook-token", qboVerifier);
        s.put("matterhub.billing.xero.client-id", xeroId);
        s.put("matterhub.billing.xero.client-secret", xeroSecret);
        s.put("matterhub.billing.xero.authorize-url", xero.baseUrl() + XeroSimulator.AUTHORIZE_PATH);
        s.put("matterhub.billing.xero.token-url", xero.baseUrl() + XeroSimulator.TOKEN_PATH);
        s.put("matterhub.billing.xero.connections-url", xero.baseUrl() + XeroSimulator.CONNECTIONS_PATH);
        s.put("matterhub.billing.xero.webhook-key", xeroWebhookKey);
        return s;
    }
}
