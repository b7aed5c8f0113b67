package org.matterhub.routes.billing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's accounting apps ({@code matterhub.billing.*}): OAuth endpoints and credentials of the QuickBooks and Xero
 * apps, shared by every firm's connection, and the sync's schedule. Each connection's API base URL is its
 * {@code base_url}; a firm's own choices (matter rule, customer names, deposit account) are its settings.
 *
 * @param pollIntervalMs      how often every connection is polled (QuickBooks CDC, Xero If-Modified-Since); a bare
 *                            number is milliseconds ({@code 30s} works too); default 60 s, positive, at most a day
 * @param reconcileIntervalMs how often balances are reconciled with the accounting systems; default 6 h, positive, at
 *                            most 7 days
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.billing")
public record BillingProperties(@Valid QuickBooks quickbooks, @Valid Xero xero,
                                @DefaultValue("60000") @DurationUnit(ChronoUnit.MILLIS)
                                @DurationMin(millis = 1, message = "must be positive")
                                @DurationMax(days = 1, message = "must be at most 1 day") Duration pollIntervalMs,
                                @DefaultValue("21600000") @DurationUnit(ChronoUnit.MILLIS)
                                @DurationMin(millis = 1, message = "must be positive")
                                @DurationMax(days = 7, message = "must be at most 7 days") Duration reconcileIntervalMs) {

    public BillingProperties {
        quickbooks = quickbooks == null ? new QuickBooks(null, null, null, null, 0, null, null, null) : quickbooks;
        xero = xero == null ? new Xero(null, null, null, null, null, null, null) : xero;
        pollIntervalMs = pollIntervalMs == null ? Duration.ofMinutes(1) : pollIntervalMs;
        reconcileIntervalMs = reconcileIntervalMs == null ? Duration.ofHours(6) : reconcileIntervalMs;
    }

    /**
     * @param proxyHost    an HTTP proxy the QuickBooks SDK reaches the API through (the simulator, in the demo and
     *                     tests: the SDK drops the port of its base URL)
     * @param webhookToken the app's webhook verifier token ({@code intuit-signature})
     */
    public record QuickBooks(String clientId, String clientSecret, @NotNull URI tokenUrl, @NotNull URI authorizeUrl,
                             @Min(0) @Max(65535) int proxyPort, String proxyHost, String webhookToken,
                             @NotNull Duration requestTimeout) {
        public QuickBooks {
            tokenUrl = tokenUrl == null ? URI.create("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer") : tokenUrl;
            authorizeUrl = authorizeUrl == null ? URI.create("https://appcenter.intuit.com/connect/oauth2") : authorizeUrl;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        }
    }

    /** @param webhookKey the app's webhook signing key ({@code x-xero-signature}) */
    public record Xero(String clientId, String clientSecret, @NotNull URI authorizeUrl, @NotNull URI tokenUrl,
                       @NotNull URI connectionsUrl, String webhookKey, @NotNull Duration requestTimeout) {
        public Xero {
            authorizeUrl = authorizeUrl == null ? URI.create("https://login.xero.com/identity/connect/authorize") : authorizeUrl;
            tokenUrl = tokenUrl == null ? URI.create("https://identity.xero.com/connect/token") : tokenUrl;
            connectionsUrl = connectionsUrl == null ? URI.create("https://api.xero.com/connections") : connectionsUrl;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        }
    }
}
