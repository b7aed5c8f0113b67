package org.matterhub.portal.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied at the hub's edge, before a request reaches a controller ({@link BodySizeFilter},
 * {@link SourceRateLimitFilter}). JSON bodies of the API keep their limit in {@code matterhub.auth.max-body-bytes}.
 *
 * @param webhookMaxBytes           largest body of a vendor webhook ({@code /webhooks/**}); vendors send ids and
 *                                  timestamps, a few KiB. A body is held in memory whole (its signature covers all of
 *                                  it), so the worst case is this times the server's request threads
 * @param uploadMaxRequestBytes     hard ceiling of a document upload request; the upload endpoint also holds each
 *                                  upload to its firm's limit ({@code matterhub.uploads.max-bytes} or the firm's own)
 * @param callbackRequestsPerMinute requests one source address may make per minute to {@code /webhooks/**} and
 *                                  {@code /oauth/callback/**} (a vendor delivers every firm's webhooks from a few
 *                                  addresses: keep it generous); more answer 429 with {@code Retry-After}
 * @param callbackSources           source addresses whose buckets this node keeps at most (least recently seen
 *                                  forgotten first)
 * @param callbackSourceIdle        a source's bucket is forgotten after this long without a request
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.edge")
public record EdgeProperties(
        @DefaultValue("2097152") @Min(1) long webhookMaxBytes,
        @DefaultValue("4294967296") @Min(1) long uploadMaxRequestBytes,
        @DefaultValue("1200") @Min(1) int callbackRequestsPerMinute,
        @DefaultValue("100000") @Min(1) int callbackSources,
        @DefaultValue("10m") @NotNull Duration callbackSourceIdle) {
}
