package org.matterhub.config.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.security.EmbeddedIssuer;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.billing.BillingReconciliation;
import org.matterhub.routes.billing.BillingSyncService;
import org.matterhub.simulators.quickbooks.QboSimulator;
import org.matterhub.simulators.quickbooks.QboWebhooks;
import org.matterhub.simulators.xero.XeroSimulator;
import org.matterhub.simulators.xero.XeroSimulatorData;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The demo firm's accounting connections, made through the OAuth flow against {@link DemoAccounting}'s simulators:
 * QuickBooks bills Northwind Holdings (a sub-customer per matter), Xero bills Bluebird Ventures (the matter number in
 * the invoice Reference; firm-recorded payments go to the organisation's bank account). Each connection links only
 * its own client ({@code linkByName: false}), so the other clients' invoices in each set of books stay with the firm.
 * Both simulators send their webhooks to the hub.
 */
@Component
@ConditionalOnExpression("${matterhub.demo.enabled:false} and ${matterhub.demo.billing:true}")
public class DemoBilling {

    private static final Logger log = LoggerFactory.getLogger(DemoBilling.class);

    private final DemoAccounting.Simulators simulators;
    private final BillingSyncService sync;
    private final BillingReconciliation reconciliation;
    private final EmbeddedIssuer issuer;
    private final HttpClient http = DemoConnect.httpClient();

    public DemoBilling(Environment env, BillingSyncService sync, BillingReconciliation reconciliation,
                       EmbeddedIssuer issuer, Tenancy tenancy, JdbcTemplate jdbc) {
        this.reconciliation = reconciliation;
        // Fresh simulators: grants of an earlier run are void until the connect flow below runs again, so the
        // scheduled poll leaves these connections alone until then.
        tenancy.writeVoid(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.update(
                "update connection set status = 'pending_authorization' where vendor in ('quickbooks', 'xero')"));
        this.simulators = DemoAccounting.running(env.getRequiredProperty("matterhub.demo.accounting-id"));
        this.sync = sync;
        this.issuer = issuer;
    }

    public QboSimulator quickbooks() {
        return simulators.quickbooks();
    }

    public XeroSimulator xero() {
        return simulators.xero();
    }

    public DemoAccounting.Simulators simulators() {
        return simulators;
    }

    /** Connects both, points their webhooks at the hub, and runs each connection's backfill. */
    public Map<String, UUID> connectAndSync(String base) throws Exception {
        Map<String, UUID> ids = new LinkedHashMap<>();
        ids.put(SourceSystem.QUICKBOOKS.id(), DemoConnect.connect(http, issuer, base, SourceSystem.QUICKBOOKS.id(),
                Map.of("displayName", "QuickBooks Online (simulator)", "baseUrl", QboSimulator.SDK_BASE_URL,
                        "settings", Map.of("linkByName", false,
                                "customers", Map.of("Northwind Holdings Ltd", "Northwind Holdings Ltd")))));
        ids.put(SourceSystem.XERO.id(), DemoConnect.connect(http, issuer, base, SourceSystem.XERO.id(),
                Map.of("displayName", "Xero (simulator)", "baseUrl", simulators.xero().accountingBasePath(),
                        "settings", Map.of("linkByName", false, "depositAccount", XeroSimulatorData.BANK_ACCOUNT_CODE,
                                "customers", Map.of("Bluebird Ventures LLC", "Bluebird Ventures LLC")))));
        simulators.quickbooks().webhooks().configure(base + "/webhooks/quickbooks", DemoAccounting.QBO_WEBHOOK_TOKEN,
                QboWebhooks.Format.CLOUDEVENTS);
        ids.forEach((vendor, id) -> sync.poll(vendor, DemoFirm.FIRM_ID, id));
        // The first reconciliation now, so ops find a report at once (then every reconcile interval).
        ids.values().forEach(id -> reconciliation.run(DemoFirm.FIRM_ID, id));
        var intent = simulators.xero().webhooks().intentToReceive(URI.create(base + "/webhooks/xero"));
        log.info("Demo billing: QuickBooks company {} and Xero organisation {} connected; Xero intent to receive {}",
                simulators.quickbooksSeed().realmId(), simulators.xeroSeed().tenantId(), intent.passed() ? "passed" : "FAILED");
        return ids;
    }
}
