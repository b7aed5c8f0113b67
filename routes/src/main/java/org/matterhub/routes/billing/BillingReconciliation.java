package org.matterhub.routes.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.routes.engine.BackgroundWork;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.sync.WorkQueue;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compares, per accounting connection, organisation and currency, the open balance the portal shows with the one the
 * accounting system reports now ({@link BillingBalances}), invoice by invoice, and records the result for ops
 * ({@code GET /ops/v1/billing/reconciliation}). A difference is reported with the invoices that differ; the portal
 * never adjusts a balance to match — the next sync does, if the difference was only lag, and a person looks at
 * anything else.
 */
@Component
public class BillingReconciliation {

    private static final Logger log = LoggerFactory.getLogger(BillingReconciliation.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one connection's run found. */
    public record Result(UUID runId, int groups, int mismatched, int invoicesCompared) {
    }

    private final WorkQueue queue;
    private final VendorRegistry vendors;
    private final BillingConnections connections;
    private final BillingRepository billing;
    private final Tenancy tenancy;
    private final BackgroundWork background;

    public BillingReconciliation(WorkQueue queue, VendorRegistry vendors, BillingConnections connections,
                                 BillingRepository billing, Tenancy tenancy, BackgroundWork background) {
        this.queue = queue;
        this.vendors = vendors;
        this.connections = connections;
        this.billing = billing;
        this.tenancy = tenancy;
        this.background = background;
    }

    public void runAll() {
        for (BillingBalances balances : vendors.all(BillingBalances.class)) {
            String vendor = balances.system().id();
            ErrorClassifier errors = vendors.adapter(balances.system(), BillingSync.class).errors();
            for (WorkQueue.ConnectionHandle c : queue.connections(vendor)) {
                if ("active".equals(c.status())) {
                    background.run(vendor, "reconcile", c.firmId(), c.connectionId(), errors, (f, conn) -> run(f, conn));
                }
            }
        }
    }

    /** Reconciles one connection now. */
    public Result run(UUID firmId, UUID connectionId) {
        BillingConnections.Accounting a = connections.load(firmId, connectionId);
        // external id -> currency, vendor balance in minor units and customer of every invoice that still owes or may owe
        Map<String, BillingBalances.OpenBalance> vendor = vendors.adapter(a.vendor(), BillingBalances.class)
                .balances(firmId, connectionId);
        UUID runId = UUID.randomUUID();
        return tenancy.write(TenantScope.system(firmId), () -> {
            List<BillingRepository.PortalBalance> portal = billing.portalBalances(connectionId);
            Map<String, BillingRepository.Customer> customers = billing.customers(connectionId);
            Set<String> seen = new HashSet<>();
            int mismatched = 0;
            int compared = 0;
            List<BillingRepository.ReconciliationLine> lines = new ArrayList<>();
            for (BillingRepository.PortalBalance pb : portal) {
                long vendorSum = 0;
                ArrayNode differing = JSON.createArrayNode();
                for (var e : pb.invoiceBalances().entrySet()) {
                    BillingBalances.OpenBalance v = vendor.get(e.getKey());
                    long vb = v == null ? 0 : v.balanceMinor();
                    seen.add(e.getKey());
                    vendorSum += vb;
                    if (vb != e.getValue()) {
                        differing.addObject().put("invoice", e.getKey()).put("portalMinor", e.getValue())
                                .put("vendorMinor", vb).put("atVendor", v != null);
                    }
                }
                compared += pb.invoiceBalances().size();
                lines.add(new BillingRepository.ReconciliationLine(connectionId, runId, pb.clientOrgId(),
                        pb.customerExternalId(), pb.currency(), pb.balanceMinor(), vendorSum, pb.invoiceBalances().size(),
                        differing.toString(), pb.balanceMinor() == vendorSum, Instant.now()));
            }
            // invoices the accounting system says are owed that the portal does not show as owed
            Map<List<Object>, ArrayNode> unseen = new HashMap<>();
            Map<List<Object>, Long> unseenSum = new HashMap<>();
            for (var e : vendor.entrySet()) {
                long vb = e.getValue().balanceMinor();
                if (seen.contains(e.getKey()) || vb == 0) {
                    continue;
                }
                String customer = e.getValue().customerExternalId();
                BillingRepository.Customer c = customer == null ? null : customers.get(customer);
                UUID org = c == null ? null : c.clientOrgId();
                List<Object> key = Arrays.asList(org, org == null ? customer : null, e.getValue().currency());
                unseen.computeIfAbsent(key, k -> JSON.createArrayNode()).addObject().put("invoice", e.getKey())
                        .put("portalMinor", 0).put("vendorMinor", vb).put("atVendor", true);
                unseenSum.merge(key, vb, Long::sum);
            }
            for (var e : unseen.entrySet()) {
                List<Object> k = e.getKey();
                lines.add(new BillingRepository.ReconciliationLine(connectionId, runId, (UUID) k.get(0), (String) k.get(1),
                        (String) k.get(2), 0, unseenSum.get(k), e.getValue().size(), e.getValue().toString(), false,
                        Instant.now()));
                compared += e.getValue().size();
            }
            for (BillingRepository.ReconciliationLine l : lines) {
                billing.insertReconciliation(l);
                if (!l.matches()) {
                    mismatched++;
                    log.warn("Billing reconciliation of connection {}: organisation {} {} portal {} vs {} {}", connectionId,
                            l.clientOrgId() == null ? "customer " + l.customerExternalId() : l.clientOrgId(),
                            l.currency(), l.portalBalanceMinor(), a.vendor(), l.vendorBalanceMinor());
                }
            }
            log.info("Billing reconciliation of connection {}: {} balances compared, {} differ", connectionId, lines.size(),
                    mismatched);
            return new Result(runId, lines.size(), mismatched, compared);
        });
    }
}
