package org.matterhub.portal.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal authenticates people. Authentication is delegated to an OpenID Connect provider.
 *
 * @param issuerUri      the OIDC issuer whose JWTs are accepted (its discovery document supplies the keys);
 *                       with {@code embeddedIssuer} the hub's own issuer uses this value as its {@code iss}
 * @param audience       required {@code aud} of every token
 * @param embeddedIssuer run the hub's own issuer (demo and tests only): keys generated at start, tokens minted
 *                       by {@code POST /oidc/demo-token} from loopback
 * @param firmClaim      optional claim naming the firm (its id) when one e-mail belongs to people of several firms
 * @param mfaRequiredFor firm roles that must present {@code amr} containing {@code mfa}: every firm role unless
 *                       configured otherwise (the demo turns it off explicitly; an empty value means none)
 * @param maxSessionAge  oldest accepted {@code auth_time} (or {@code iat}) of a token
 * @param maxBodyBytes   largest JSON body the API accepts
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.auth")
public record AuthProperties(
        @DefaultValue("http://localhost/oidc") @NotBlank String issuerUri,
        @DefaultValue("matterhub") @NotBlank String audience,
        @DefaultValue("false") boolean embeddedIssuer,
        @DefaultValue("matterhub_firm") String firmClaim,
        @DefaultValue({"staff", "partner", "firm_admin", "ops"}) List<String> mfaRequiredFor,
        @DefaultValue("12h") @NotNull Duration maxSessionAge,
        @DefaultValue("65536") @Min(1) long maxBodyBytes) {
}
