package org.matterhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.portal.documents.UploadProperties;
import org.matterhub.portal.security.AuthProperties;
import org.matterhub.portal.security.EdgeProperties;
import org.matterhub.routes.RoutesConfiguration;
import org.matterhub.routes.practice.clio.ClioConfiguration;
import org.matterhub.routes.practice.clio.ClioSchedule;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.documents.TextExtractionProperties;
import org.matterhub.routes.storage.StorageProperties;
import org.matterhub.store.StoreProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every typed setting of the hub is bound and validated by Spring at start-up: a wrong or missing value stops the
 * application, and the report (Spring Boot's failure analysis, as an operator reads it) names the property. The
 * application starts with the production {@code application.yml} and the configurations that register the settings,
 * without the database or the routes.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ConfigurationPropertiesAutoConfiguration.class, ValidationAutoConfiguration.class})
    @Import({RoutesConfiguration.class, ClioConfiguration.class})
    @EnableConfigurationProperties({StoreProperties.class, AuthProperties.class, UploadProperties.class,
            StorageProperties.class, EdgeProperties.class, TextExtractionProperties.class})
    static class Settings {
    }

    private static Map<String, Object> valid() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("matterhub.clio.client-id", "app-key");
        p.put("matterhub.clio.client-secret", "app-secret");
        p.put("matterhub.storage.bucket", "documents");
        return p;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(Settings.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void validSettingsStartWithTodaysDefaults() {
        try (ConfigurableApplicationContext context = start(valid())) {
            ClioProperties clio = context.getBean(ClioProperties.class);
            assertThat(clio.baseUrl()).isEqualTo(URI.create("https://app.clio.com"));
            assertThat(clio.apiVersion()).isEqualTo("4.0.9");
            assertThat(clio.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(clio.pageSize()).isEqualTo(200);
            assertThat(clio.rateLimitPerMinute()).isEqualTo(50);
            assertThat(context.getBean(DmsProperties.class).maxTextChars()).isEqualTo(1_000_000);
            BillingProperties billing = context.getBean(BillingProperties.class);
            assertThat(billing.pollIntervalMs()).isEqualTo(Duration.ofMillis(60_000));
            assertThat(billing.quickbooks().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(context.getBean(StorageProperties.class).partSize()).isEqualTo(8 * 1024 * 1024);
            UploadProperties uploads = context.getBean(UploadProperties.class);
            assertThat(uploads.maxParts()).isEqualTo(3);
            assertThat(uploads.maxConcurrentPerFirm()).isEqualTo(4);
            assertThat(uploads.dailyBytesPerPerson()).isEqualTo(5L << 30);
            assertThat(uploads.maxDuration()).isEqualTo(Duration.ofMinutes(30));
            EdgeProperties edge = context.getBean(EdgeProperties.class);
            assertThat(edge.webhookMaxBytes()).isEqualTo(2 << 20);
            assertThat(edge.callbackRequestsPerMinute()).isEqualTo(1200);
            assertThat(context.getBean(TextExtractionProperties.class).timeout()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void aBadClioPageSizeStopsStartUpNamingTheProperty(CapturedOutput output) {
        Map<String, Object> p = valid();
        p.put("matterhub.clio.page-size", "500");
        assertThatThrownBy(() -> start(p)).hasStackTraceContaining("matterhub.clio");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: matterhub.clio.pageSize").contains("Value: \"500\"")
                .contains("Origin: \"matterhub.clio.page-size\" from property source \"commandLineArgs\"").contains("must be less than or equal to 200");
    }

    @Test
    void aMissingClioClientIdStopsStartUpNamingTheProperty(CapturedOutput output) {
        Map<String, Object> p = valid();
        p.remove("matterhub.clio.client-id");
        assertThatThrownBy(() -> start(p)).hasStackTraceContaining("matterhub.clio");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: matterhub.clio.clientId").contains("must not be blank");
    }

    @ParameterizedTest
    @CsvSource({
            "matterhub.dms.max-text-chars, 0, matterhub.dms.maxTextChars",
            "matterhub.billing.quickbooks.proxy-port, 70000, matterhub.billing.quickbooks.proxyPort",
            "matterhub.billing.poll-interval-ms, 0, matterhub.billing.pollIntervalMs",
            "matterhub.store.pool-size, 0, matterhub.store.poolSize",
            "matterhub.auth.audience, ' ', matterhub.auth.audience",
            "matterhub.uploads.max-concurrent, 0, matterhub.uploads.maxConcurrent",
            "matterhub.uploads.max-concurrent-per-firm, 0, matterhub.uploads.maxConcurrentPerFirm",
            "matterhub.uploads.daily-bytes-per-person, 0, matterhub.uploads.dailyBytesPerPerson",
            "matterhub.uploads.max-parts, 0, matterhub.uploads.maxParts",
            "matterhub.edge.webhook-max-bytes, 0, matterhub.edge.webhookMaxBytes",
            "matterhub.edge.callback-requests-per-minute, 0, matterhub.edge.callbackRequestsPerMinute",
            "matterhub.text-extraction.threads, 0, matterhub.text-extraction.threads",
            "matterhub.storage.part-size, 1024, matterhub.storage.partSize"})
    void theHubsOwnSettingsAreValidatedToo(String property, String value, String reported, CapturedOutput output) {
        Map<String, Object> p = valid();
        p.put(property, value);
        assertThatThrownBy(() -> start(p)).hasStackTraceContaining(property.substring(0, property.lastIndexOf('.')));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: " + reported);
    }

    @Test
    void schedulesAndThePublicAddressStartWithTodaysDefaults() {
        try (ConfigurableApplicationContext context = start(valid())) {
            ClioSchedule clio = context.getBean(ClioSchedule.class);
            assertThat(clio.pollIntervalMs()).isEqualTo(Duration.ofSeconds(30));
            assertThat(clio.reconcileIntervalMs()).isEqualTo(Duration.ofHours(1));
            assertThat(clio.webhookCheckIntervalMs()).isEqualTo(Duration.ofMinutes(1));
            DmsProperties dms = context.getBean(DmsProperties.class);
            assertThat(dms.pollIntervalMs()).isEqualTo(Duration.ofSeconds(30));
            assertThat(dms.reconcileIntervalMs()).isEqualTo(Duration.ofHours(6));
            assertThat(context.getBean(BillingProperties.class).reconcileIntervalMs()).isEqualTo(Duration.ofHours(6));
            // application.yml: http://127.0.0.1:${server.port}
            assertThat(context.getBean(PublicAddress.class).url("/oauth/callback/xero"))
                    .isEqualTo("http://127.0.0.1:8080/oauth/callback/xero");
        }
    }

    @Test
    void intervalsTakeADurationOrMilliseconds() {
        Map<String, Object> p = valid();
        p.put("matterhub.clio.poll-interval-ms", "700");
        p.put("matterhub.dms.poll-interval-ms", "5s");
        p.put("matterhub.public-base-url", "https://hub.example-firm.com/");
        try (ConfigurableApplicationContext context = start(p)) {
            assertThat(context.getBean(ClioSchedule.class).pollIntervalMs()).isEqualTo(Duration.ofMillis(700));
            assertThat(context.getBean(DmsProperties.class).pollIntervalMs()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(PublicAddress.class).url("/webhooks/xero"))
                    .isEqualTo("https://hub.example-firm.com/webhooks/xero");
        }
    }

    /**
     * One bad value at a time stops start-up; the report names the property, where it was set and the constraint it
     * breaks. (A connector's page size of 0 means "the default", so the bad page size here is negative. Spring
     * reports a duration's value converted: {@code -5s} as {@code PT-5S}.)
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "matterhub.clio.page-size | -1 | matterhub.clio.pageSize | must be greater than or equal to 1",
            "matterhub.clio.poll-interval-ms | -5s | matterhub.clio.pollIntervalMs | must be positive",
            "matterhub.clio.poll-interval-ms | 0 | matterhub.clio.pollIntervalMs | must be positive",
            "matterhub.clio.reconcile-interval-ms | -1 | matterhub.clio.reconcileIntervalMs | must be positive",
            "matterhub.clio.webhook-check-interval-ms | 2d | matterhub.clio.webhookCheckIntervalMs | must be at most 1 day",
            "matterhub.dms.poll-interval-ms | -5s | matterhub.dms.pollIntervalMs | must be positive",
            "matterhub.dms.reconcile-interval-ms | 8d | matterhub.dms.reconcileIntervalMs | must be at most 7 days",
            "matterhub.billing.poll-interval-ms | -5s | matterhub.billing.pollIntervalMs | must be positive",
            "matterhub.billing.reconcile-interval-ms | 0 | matterhub.billing.reconcileIntervalMs | must be positive",
            "matterhub.public-base-url | ftp://x | matterhub.publicBaseUrl | must be an absolute http or https URL",
            "matterhub.public-base-url | https://hub.example/?next=1 | matterhub.publicBaseUrl | must be an absolute http or https URL",
            "matterhub.public-base-url | hub.example.com | matterhub.publicBaseUrl | must be an absolute http or https URL",
            "matterhub.public-base-url | http://hub example.com | matterhub.publicBaseUrl | must be an absolute http or https URL"})
    void aBadValueStopsStartUpNamingThePropertyAndTheConstraint(String property, String value, String reported,
                                                                 String constraint, CapturedOutput output) {
        Map<String, Object> p = valid();
        p.put(property, value);
        assertThatThrownBy(() -> start(p)).hasRootCauseInstanceOf(BindValidationException.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: " + reported)
                .contains("Origin: \"" + property + "\" from property source \"commandLineArgs\"")
                .contains("Reason: " + constraint);
    }

    @Test
    void aMalformedUriStopsStartUpNamingTheProperty(CapturedOutput output) {
        Map<String, Object> p = valid();
        p.put("matterhub.billing.xero.token-url", "https://[identity.xero.com/connect/token");
        assertThatThrownBy(() -> start(p)).hasStackTraceContaining("matterhub.billing.xero.token-url");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Property: matterhub.billing.xero.token-url")
                .contains("Value: \"https://[identity.xero.com/connect/token\"")
                .contains("Reason: failed to convert java.lang.String to").contains("java.net.URI")
                .contains("Invalid URI syntax");
    }
}
