package org.matterhub.simulators.xero;

import org.matterhub.simulators.common.ControlApi;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.faultRule;
import static org.matterhub.simulators.common.ControlSupport.intValue;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * Xero's routes on the {@code /_control} API (beside the kit's standard ones): bulk seeding, limits, direct token
 * issue, invoice and count inspection, webhook intent and delivery. Not part of Xero.
 */
final class XeroControl {

    private XeroControl() {
    }

    static void register(ControlApi c, XeroSimulator sim) {
        XeroSimulatorData data = sim.data();
        c.standard(sim, sim::seedDemoOrganisation);
        c.on("GET", "/health", (ex, s) -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", sim.baseUrl(),
                "tenantId", data.tenantId().toString())));
        c.on("POST", "/seed/invoices", (ex, s) -> ex.sendJson(200,
                Map.of("created", sim.seedBulkInvoices(intValue(body(ex), "count", -1)).size())));
        c.on("POST", "/faults", (ex, s) -> {
            sim.faults().add(faultRule(body(ex)));
            ex.sendJson(201, sim.faults().describe());
        });
        c.on("*", "/rate-limit", (ex, s) -> {
            if (ex.method().equals("POST")) {
                XeroSimulatorOptions o = sim.options();
                Map<String, Object> b = body(ex);
                sim.setRateLimits(intValue(b, "perMinute", o.perMinute()), intValue(b, "perDay", o.perDay()),
                        intValue(b, "concurrent", o.concurrent()), intValue(b, "appPerMinute", o.appPerMinute()));
            }
            ex.sendJson(200, sim.rateLimits().describe());
        });
        c.on("POST", "/tokens/issue", (ex, s) ->
                ex.sendJson(200, Map.of("access_token", sim.issueAccessToken(str(body(ex), "clientId")))));
        c.on("GET", "/invoices", (ex, s) ->
                ex.sendJson(200, data.invoicesRaw().stream().map(XeroSimulatorData::render).toList()));
        c.on("GET", "/invoices/*", (ex, s) -> {
            Map<String, Object> inv = data.invoice(UUID.fromString(s[1]));
            ex.sendJson(inv == null ? 404 : 200, inv == null ? Map.of("error", "no such invoice") : inv);
        });
        c.on("GET", "/invoices/*/payments", (ex, s) -> {
            UUID id = UUID.fromString(s[1]);
            ex.sendJson(200, Map.of("invoiceId", id.toString(), "payments", data.paymentCount(id)));
        });
        c.on("GET", "/counts", (ex, s) -> ex.sendJson(200, Map.of("contacts", data.contactsRaw().size(),
                "invoices", data.invoicesRaw().size(), "payments", data.paymentCount(),
                "creditNotes", data.creditNotesRaw().size())));
        c.on("GET", "/webhooks", (ex, s) -> ex.sendJson(200,
                Map.of("key", sim.webhooks().webhookKey(), "pending", sim.webhooks().pending())));
        c.on("POST", "/webhooks/intent", (ex, s) ->
                ex.sendJson(200, sim.webhooks().intentToReceive(URI.create(str(body(ex), "url")))));
        c.on("POST", "/webhooks/*", (ex, s) -> ex.sendJson(200,
                Map.of("status", sim.webhooks().deliverPending(URI.create(str(body(ex), "url"))))));
    }
}
