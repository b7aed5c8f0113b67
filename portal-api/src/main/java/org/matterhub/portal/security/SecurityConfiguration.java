package org.matterhub.portal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.matterhub.portal.contract.ApiContract;
import org.matterhub.portal.contract.ContractFilter;
import org.matterhub.portal.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Stateless bearer-token security. Every API call needs a valid JWT from the configured issuer; the person it
 * names is then resolved to a portal user ({@link PrincipalFilter}). Webhooks authenticate by signature,
 * OAuth callbacks by their state parameter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, EdgeProperties.class})
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, PrincipalFilter principalFilter, BodySizeFilter bodySizeFilter,
                                    SourceRateLimitFilter sourceRateLimit, Environment env, ApiContract contract,
                                    AuthProperties auth, EdgeProperties edge, OrgAdmins orgAdmins) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers(ManagementPort.of(env)).permitAll();
                    a.requestMatchers("/actuator/**").denyAll();
                    a.requestMatchers("/api/v1/openapi.yaml", "/webhooks/**", "/oauth/callback/**", "/oidc/**", "/error")
                            .permitAll();
                    RoleRules.apply(a, orgAdmins::test);
                    a.anyRequest().authenticated();
                })
                .oauth2ResourceServer(o -> o.jwt(j -> { })
                        .authenticationEntryPoint((req, res, e) -> unauthorized(res, e))
                        .accessDeniedHandler((req, res, e) -> forbidden(res)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(res, ex))
                        .accessDeniedHandler((req, res, ex) -> forbidden(res)))
                .addFilterBefore(sourceRateLimit, BearerTokenAuthenticationFilter.class)
                .addFilterBefore(bodySizeFilter, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(principalFilter, BearerTokenAuthenticationFilter.class)
                // the contract is checked after authorisation: a caller without the role gets 403, not the body's rules
                .addFilterAfter(new ContractFilter(contract, Math.max(auth.maxBodyBytes(), edge.webhookMaxBytes()), BodySizeFilter::isUpload),
                        AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    EmbeddedIssuer embeddedIssuer(AuthProperties auth, Environment env) {
        if (auth.embeddedIssuer()) {
            DemoIssuerGuard.check(env);
        }
        return auth.embeddedIssuer() ? new EmbeddedIssuer(auth.issuerUri(), auth.audience()) : null;
    }

    @Bean
    JwtDecoder jwtDecoder(AuthProperties auth, ObjectProvider<EmbeddedIssuer> embedded) {
        NimbusJwtDecoder decoder;
        EmbeddedIssuer issuer = embedded.getIfAvailable();
        if (auth.embeddedIssuer() && issuer != null) {
            decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
        } else {
            decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(auth.issuerUri());
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                JwtValidators.createDefaultWithIssuer(auth.issuerUri()),
                audience(auth.audience()),
                sessionAge(auth.maxSessionAge()))));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token is not meant for this API", null));
    }

    static OAuth2TokenValidator<Jwt> sessionAge(Duration max) {
        return jwt -> {
            Object authTime = jwt.getClaims().get("auth_time");
            Instant since = authTime instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : jwt.getIssuedAt();
            return since == null || since.plus(max).isAfter(Instant.now())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", SESSION_TOO_OLD, null));
        };
    }

    /** The hub's own refusal of a token older than the session may be: the person can act on it. */
    static final String SESSION_TOO_OLD = "The session is too old; sign in again.";

    /**
     * 401 as problem JSON. Why a token was refused in the JWT library's words is not the caller's to read; the one
     * reason the hub itself decides and the person can act on (sign in again) is said.
     */
    private static void unauthorized(jakarta.servlet.http.HttpServletResponse response, Throwable cause)
            throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemWriter.write(response, 401, "Unauthorized", sessionTooOld(cause) ? SESSION_TOO_OLD
                : "A valid bearer token is required: it is missing, malformed, expired, or not issued for this API.");
    }

    private static boolean sessionTooOld(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.security.oauth2.jwt.JwtValidationException v
                    && v.getErrors().stream().anyMatch(err -> SESSION_TOO_OLD.equals(err.getDescription()))) {
                return true;
            }
        }
        return false;
    }

    private static void forbidden(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        ProblemWriter.write(response, 403, "Forbidden", "You may not do this.");
    }
}
