package org.matterhub.connectors.netdocuments;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.TimeSource;

class NetDocumentsPropertiesTest {

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void regionDefaultsAndMaskedSecret() {
        NetDocumentsProperties p = NetDocumentsProperties.of(NetDocumentsRegion.US, "CA-8Q2M5T7R", "NG-4K7P2W9X",
                "AP-MATTERHB", "s3cret");
        assertThat(p.baseUrl()).isEqualTo(URI.create("https://vault.netvoyage.com"));
        assertThat(p.apiBaseUrl()).isEqualTo(URI.create("https://api.vault.netvoyage.com"));
        assertThat(NetDocumentsRegion.EU.apiBase()).isEqualTo(URI.create("https://api.eu.netdocuments.com"));
        assertThat(p.rateLimitPerMinute()).isEqualTo(100);
        assertThat(p.pageSize()).isEqualTo(500);
        assertThat(p.scope()).isEqualTo("read edit organize lookup");
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.newRateLimiter("nd", TimeSource.system()).limit()).isEqualTo(100);
        assertThat(p.toString()).doesNotContain("s3cret").contains("clientSecret=****");
        assertThat(validator.validate(p)).isEmpty();
    }

    @Test
    void rejectsMalformedIdsAndAPageSizeAbove500() {
        NetDocumentsProperties bad = new NetDocumentsProperties(URI.create("https://x"), URI.create("https://api.x"),
                "8Q2M5T7R", "NG-short", "AP-X", "", null, null, 501, -5);
        assertThat(validator.validate(bad)).extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("repositoryId", "cabinetId", "clientSecret", "pageSize", "rateLimitPerMinute");
    }
}
