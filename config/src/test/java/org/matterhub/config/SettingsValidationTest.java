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
            assertThat(billing.pollIntervalMs()).isEqualTo(60_000);
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
}
