package org.matterhub.routes.vendor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@link ConnectFlow} whose vendor steps go through the capability's connect port {@code P}. It prepares a connection
 * the same way for every capability: the vendor's adapter checks the base URL and the settings, and the name is the
 * one the admin gave or else the vendor's.
 *
 * @param <P> the capability's connect port
 */
public abstract class PortConnectFlow<P extends VendorAdapter> implements ConnectFlow {

    private final VendorRegistry vendors;
    private final Class<P> port;
    private final String callbackName;

    /**
     * @param callbackName how a refused or broken callback's problem names the vendor's side (see
     *                     {@link #callbackName(String)})
     */
    protected PortConnectFlow(VendorRegistry vendors, Class<P> port, String callbackName) {
        this.vendors = vendors;
        this.port = port;
        this.callbackName = callbackName;
    }

    @Override
    public final Class<? extends VendorAdapter> port() {
        return port;
    }

    /** The adapter of {@code vendor} for the capability's connect port. */
    protected final P port(String vendor) {
        return vendors.adapter(vendor, port);
    }

    @Override
    public String callbackName(String vendor) {
        return callbackName;
    }

    @Override
    public final Connection prepare(String vendor, Request body) {
        P adapter = port(vendor);
        String baseUrl = baseUrl(adapter, body.baseUrl() == null || body.baseUrl().isBlank() ? null
                : body.baseUrl().strip());
        String settingsJson = settingsJson(adapter, body.settings());
        String name = body.displayName() == null || body.displayName().isBlank() ? adapter.displayName()
                : body.displayName().strip();
        return new Connection(name, baseUrl, settingsJson);
    }

    /**
     * The base URL to store for a connection at {@code adapter}'s vendor.
     *
     * @param requested the base URL the admin gave, stripped, or null when none was given
     * @throws org.matterhub.portal.problem.ApiProblem 422 when it is missing and required, or not acceptable
     */
    protected abstract String baseUrl(P adapter, String requested);

    /**
     * The capability's settings, read from the request's {@code settings} and checked, as JSON to store.
     *
     * @throws org.matterhub.portal.problem.ApiProblem 422 when they are not acceptable
     */
    protected abstract String settingsJson(P adapter, JsonNode settings);
}
