package org.matterhub.portal.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.matterhub.portal.billing.BillingModels.ReconciliationLineView;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing reconciliation report for ops: the latest run of each accounting connection, per client organisation
 * and currency, the portal's balance beside the accounting system's. A difference is reported here, never corrected by
 * the portal. Firm roles {@code ops} and {@code firm_admin}, as the rest of the ops API.
 */
@RestController
public class BillingOpsController {

    private static final String[] OPS = {"ops", "firm_admin"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tenancy tenancy;
    private final BillingRepository billing;

    public BillingOpsController(Tenancy tenancy, BillingRepository billing) {
        this.tenancy = tenancy;
        this.billing = billing;
    }

    /** Mismatches first within each connection (the repository's order). */
    @GetMapping("/ops/v1/billing/reconciliation")
    public List<ReconciliationLineView> reconciliation(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        return tenancy.read(p.scope(), () -> billing.latestReconciliation().stream().map(l -> new ReconciliationLineView(
                l.connectionId(), l.runId(), l.clientOrgId(), l.customerExternalId(), l.currency(),
                l.portalBalanceMinor(), l.vendorBalanceMinor(), Math.subtractExact(l.portalBalanceMinor(),
                l.vendorBalanceMinor()), l.invoicesCompared(), differing(l.differingInvoicesJson()), l.matches(),
                l.ranAt())).toList());
    }

    private static Object differing(String json) {
        try {
            return json == null ? List.of() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
