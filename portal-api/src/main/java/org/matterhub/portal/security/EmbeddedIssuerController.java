package org.matterhub.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import org.matterhub.portal.problem.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Discovery, keys and (from loopback only) demo tokens of the embedded issuer. */
@RestController
@ConditionalOnProperty(prefix = "matterhub.auth", name = "embedded-issuer", havingValue = "true")
public class EmbeddedIssuerController {

    private final EmbeddedIssuer issuer;
    private final PrincipalResolver principals;

    public EmbeddedIssuerController(EmbeddedIssuer issuer, PrincipalResolver principals) {
        this.issuer = issuer;
        this.principals = principals;
    }

    @GetMapping("/oidc/.well-known/openid-configuration")
    public Map<String, Object> discovery() {
        return Map.of("issuer", issuer.issuer(), "jwks_uri", issuer.issuer() + "/jwks.json",
                "id_token_signing_alg_values_supported", new String[] {"RS256"});
    }

    @GetMapping("/oidc/jwks.json")
    public Map<String, Object> jwks() {
        return issuer.jwks();
    }

    /** Mints a token for a known portal user. Refused unless the caller is on this machine. */
    @PostMapping("/oidc/demo-token")
    public Map<String, Object> demoToken(@RequestParam String email, HttpServletRequest request) {
        LoopbackOnly.require(request, "Demo tokens");
        if (principals.byEmail(email, null).isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown user", "No portal user has the e-mail " + email + ".");
        }
        return Map.of("access_token", issuer.mint(email, Duration.ofHours(8), Map.of()), "token_type", "Bearer",
                "expires_in", 8 * 3600);
    }
}
