package org.matterhub.connectors.kernel;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts a vendor publishes for its API, OAuth and region servers: exact host names, and domains under which one
 * more label names a customer's own tenant (iManage Work cloud: {@code <tenant>.cloudimanage.com}). Compared on the
 * host of a parsed URI, lower-cased, never on the URL's text.
 *
 * @param vendor  the vendor, as problems and logs name it
 * @param exact   host names allowed as they are
 * @param tenants domains whose single-label subdomains are allowed (the domain itself is not, unless in {@code exact})
 */
public record VendorHosts(String vendor, Set<String> exact, Set<String> tenants) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public VendorHosts {
        Objects.requireNonNull(vendor, "vendor");
        exact = Set.copyOf(exact.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        tenants = Set.copyOf(tenants.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    /** Only the given hosts. */
    public static VendorHosts of(String vendor, String... hosts) {
        return new VendorHosts(vendor, Set.of(hosts), Set.of());
    }

    /** These hosts and, besides them, one tenant label under each of {@code domains}. */
    public VendorHosts withTenantsUnder(String... domains) {
        return new VendorHosts(vendor, exact, Set.of(domains));
    }

    /** Whether {@code host} (a parsed URI's host) is one of the vendor's. */
    public boolean allows(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (exact.contains(h)) {
            return true;
        }
        for (String domain : tenants) {
            if (h.endsWith("." + domain)) {
                String label = h.substring(0, h.length() - domain.length() - 1);
                if (LABEL.matcher(label).matches()) {
                    return true;
                }
            }
        }
        return false;
    }
}
