package org.matterhub.connectors.clio;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ClioPropertiesTest {

    @Test
    void bindsWithDefaults() {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
                "matterhub.clio.base-url", "https://eu.app.clio.com/",
                "matterhub.clio.client-id", "app-key",
                "matterhub.clio.client-secret", "app-secret"));
        ClioProperties p = new Binder(source).bind("matterhub.clio", ClioProperties.class).get();
        assertThat(p.baseUrl()).isEqualTo(URI.create("https://eu.app.clio.com"));
        assertThat(p.apiBase()).isEqualTo(URI.create("https://eu.app.clio.com/api/v4"));
        assertThat(p.apiVersion()).isEqualTo("4.0.9");
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.pageSize()).isEqualTo(200);
        assertThat(p.rateLimitPerMinute()).isEqualTo(50);
    }

    @Test
    void validation() {
        try (var factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(ClioProperties.of(URI.create("https://app.clio.com"), "id", "secret")))
                    .isEmpty();
            assertThat(validator.validate(new ClioProperties(null, "", "s", null, null, 500, 0)))
                    .extracting(v -> v.getPropertyPath().toString())
                    .containsExactlyInAnyOrder("baseUrl", "clientId", "pageSize");
        }
    }

    @Test
    void secretsNeverPrint() {
        ClioProperties p = ClioProperties.of(URI.create("https://app.clio.com"), "app-key", "app-secret-value");
        assertThat(p.toString()).contains("app-key").doesNotContain("app-secret-value");
        OAuthTokenSet t = new OAuthTokenSet("access-abc", "refresh-def", Instant.EPOCH);
        assertThat(t.toString()).doesNotContain("access-abc").doesNotContain("refresh-def");
        ClioWebhook w = new ClioWebhook(1, null, "https://hub.example/h", "id", "shh-secret", "matter", "enabled",
                null, null, null, null);
        assertThat(w.toString()).doesNotContain("shh-secret");
    }
}
