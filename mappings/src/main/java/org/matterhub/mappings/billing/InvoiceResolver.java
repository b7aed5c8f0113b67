package org.matterhub.mappings.billing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Ties accounting customers and invoices to the portal's client organisations and matters, under a connection's
 * {@link BillingSettings}. A customer belongs to an organisation by the settings' name map, else by its own name or
 * its parent's (a QuickBooks sub-customer's client) equal to the organisation's. An invoice's matter is the one whose
 * number the firm's {@link InvoiceMatterRule} reads on it (numbers compare without leading zeros); its organisation is
 * the matter's. When the customer names another organisation than the matter's, the invoice is tied to neither
 * matter nor the other organisation's view: it stays with its customer's organisation and is reported as
 * {@code org_mismatch}, since showing one client's invoice in another client's matter is the one mistake the portal
 * must not make.
 */
public final class InvoiceResolver {

    /** A client organisation. */
    public record Org(UUID id, String name) {
    }

    /** A portal matter. */
    public record Matter(UUID id, String number, String displayNumber, UUID clientOrgId) {
    }

    /** Where an invoice belongs; {@code resolution} is null when it has a matter. */
    public record Result(UUID clientOrgId, UUID matterId, String matterNumber, String resolution) {
    }

    private final BillingSettings settings;
    private final InvoiceMatterRule rule;
    private final Map<String, Matter> matters = new HashMap<>();
    private final Map<String, UUID> orgs = new HashMap<>();

    /**
     * @param defaultRule the vendor's conventional matter rule, used when the settings name none
     */
    public InvoiceResolver(BillingSettings settings, InvoiceMatterRule defaultRule, Collection<Matter> matters,
                           Collection<Org> orgs) {
        this.settings = settings;
        this.rule = settings.matterRuleOr(defaultRule);
        for (Matter m : matters) {
            if (m.number() != null) {
                this.matters.putIfAbsent(key(m.number()), m);
            }
            if (m.displayNumber() != null) {
                this.matters.putIfAbsent(key(m.displayNumber()), m);
            }
        }
        for (Org o : orgs) {
            this.orgs.putIfAbsent(o.name().strip().toLowerCase(Locale.ROOT), o.id());
        }
    }

    /** The organisation a customer or contact bills, if the hub can tell. */
    public Optional<UUID> orgOfCustomer(String customerId, String customerName, String parentName) {
        for (String candidate : new String[] {customerId, customerName, parentName}) {
            if (candidate == null) {
                continue;
            }
            String mapped = settings.customers().get(candidate.strip().toLowerCase(Locale.ROOT));
            if (mapped != null) {
                return Optional.ofNullable(orgs.get(mapped.strip().toLowerCase(Locale.ROOT)));
            }
        }
        for (String candidate : new String[] {customerName, parentName}) {
            if (candidate != null && settings.linkByName()) {
                UUID org = orgs.get(candidate.strip().toLowerCase(Locale.ROOT));
                if (org != null) {
                    return Optional.of(org);
                }
            }
        }
        return Optional.empty();
    }

    /** The invoice's organisation and matter, given the organisation its customer bills (null when unknown). */
    public Result resolve(InvoiceFacts facts, UUID customerOrg) {
        Optional<String> number = rule.matterNumber(facts);
        if (number.isEmpty()) {
            return new Result(customerOrg, null, null, "no_number");
        }
        if (customerOrg == null && !settings.linkByName()) {
            return new Result(null, null, number.get(), "unlinked_customer");
        }
        Matter m = matters.get(key(number.get()));
        if (m == null) {
            return new Result(customerOrg, null, number.get(), "no_matter");
        }
        if (customerOrg != null && !customerOrg.equals(m.clientOrgId())) {
            return new Result(customerOrg, null, number.get(), "org_mismatch");
        }
        return new Result(m.clientOrgId(), m.id(), number.get(), null);
    }

    private static String key(String number) {
        String s = number.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
