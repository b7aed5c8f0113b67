package org.matterhub.routes.engine;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where vendors and browsers reach the hub ({@code matterhub.public-base-url}): the base of the OAuth redirect URIs the
 * vendors are given and of the webhook URLs the hub subscribes. Validated at start-up: a value that is not an absolute
 * http(s) URL without query or fragment stops the hub rather than produce redirect URIs no vendor accepts.
 *
 * @param publicBaseUrl the hub's public URL, e.g. {@code https://hub.example-firm.com}; default
 *                      {@code http://127.0.0.1:8080} (the demo)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub")
public record PublicAddress(@DefaultValue("http://127.0.0.1:8080") @NotBlank @HttpBaseUrl String publicBaseUrl) {

    /** {@code path} ({@code /oauth/callback/xero}) under the public base URL. */
    public String url(String path) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + path;
    }
}
