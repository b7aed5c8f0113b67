package org.matterhub.connectors.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class XeroPropertiesTest {

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void productionDefaultsAreXerosEndpointsAndPublishedLimitsAndSecretsAreMasked() {
        XeroProperties p = XeroProperties.of("app", "s3cret").withWebhookKey("hook-key");
        assertThat(p.authorizeUrl()).isEqualTo(URI.create("https://login.xero.com/identity/connect/authorize"));
        assertThat(p.tokenUrl()).isEqualTo(URI.create("https://identity.xero.com/connect/token"));
        assertThat(p.connectionsUrl()).isEqualTo(URI.create("https://api.xero.com/connections"));
        assertThat(p.accountingBasePath()).isEqualTo(URI.create("https://api.xero.com/api.xro/2.0"));
        assertThat(p.perMinute()).isEqualTo(60);
        assertThat(p.concurrent()).isEqualTo(5);
        assertThat(p.perDay()).isEqualTo(5_000);
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.toString()).doesNotContain("s3cret").doesNotContain("hook-key").contains("clientSecret=****");
        assertThat(validator.validate(p)).isEmpty();
    }

    @Test
    void bindsFromConfigurationWithDefaults() {
        Map<String, String> source = Map.of(
                "matterhub.xero.client-id", "app",
                "matterhub.xero.client-secret", "s3cret",
                "matterhub.xero.accounting-base-path", "http://127.0.0.1:9/api.xro/2.0/",
                "matterhub.xero.per-minute", "30");
        XeroProperties p = new Binder(new MapConfigurationPropertySource(source))
                .bind("matterhub.xero", XeroProperties.class).get();
        assertThat(p.accountingBasePath()).isEqualTo(URI.create("http://127.0.0.1:9/api.xro/2.0"));
        assertThat(p.tokenUrl()).isEqualTo(URI.create(XeroProperties.DEFAULT_TOKEN_URL));
        assertThat(p.perMinute()).isEqualTo(30);
        assertThat(p.concurrent()).isEqualTo(5);
        assertThat(p.writeAttempts()).isEqualTo(5);
        assertThat(p.maxPermitWait()).isEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void rejectsMissingCredentialsAndOutOfRangeLimits() {
        // Built with the canonical constructor: the factories and copies refuse such values themselves (below).
        XeroProperties bad = new XeroProperties(null, null, null, null, "", " ", null, null, null, null, -1, 101, -5, 0,
                null, null, null);
        assertThat(validator.validate(bad)).extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("clientId", "clientSecret", "perMinute", "concurrent", "perDay");
    }

    @Test
    void factoriesAndCopiesRefuseABadValueNamingTheSettingAndNeverASecret() {
        assertThatThrownBy(() -> XeroProperties.of("app", "s3cret").withLimits(-1, 5, 5000))
                .isInstanceOf(ConnectorSettings.InvalidSettingsException.class)
                .hasMessage("Invalid XeroProperties: perMinute must be greater than or equal to 1 (was -1)");
        assertThatThrownBy(() -> XeroProperties.of("app", " "))
                .isInstanceOf(ConnectorSettings.InvalidSettingsException.class)
                .hasMessage("Invalid XeroProperties: clientSecret must not be blank");
    }
}
