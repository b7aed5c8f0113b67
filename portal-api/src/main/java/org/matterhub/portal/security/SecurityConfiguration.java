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
@EnableConfigurationProperties(AuthProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, PrincipalFilter principalFilter, BodySizeFilter bodySizeFilter,
                                    ApiContract contract, AuthProperties auth) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/api/v1/openapi.yaml", "/actuator/health/**", "/actuator/health",
                            "/actuator/prometheus", "/webhooks/**", "/oauth/callback/**", "/oidc/**", "/error").permitAll();
                    RoleRules.apply(a);
                    a.anyRequest().authenticated();
                })
                .oauth2ResourceServer(o -> o.jwt(j -> { })
                        .authenticationEntryPoint((req, res, e) -> ProblemWriter.write(res, 401, "Unauthorized",
                                "A valid bearer token is required: " + describe(e.getMessage())))
                        .accessDeniedHandler((req, res, e) -> ProblemWriter.write(res, 403, "Forbidden", e.getMessage())))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ProblemWriter.write(res, 401, "Unauthorized",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, ex) -> ProblemWriter.write(res, 403, "Forbidden", ex.getMessage())))
                .addFilterBefore(bodySizeFilter, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(principalFilter, BearerTokenAuthenticationFilter.class)
                // the contract is checked after authorisation: a caller without the role gets 403, not the body's rules
                .addFilterAfter(new ContractFilter(contract, auth.maxBodyBytes(), BodySizeFilter::isUpload),
                        AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    EmbeddedIssuer embeddedIssuer(AuthProperties auth) {
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
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The session is too old; sign in again", null));
        };
    }

    private static String describe(String message) {
        return message == null ? "none was given." : message.replaceAll("(?i)bearer [^ ]+", "bearer ***");
    }
}
