package org.matterhub.connectors.imanage;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImanagePropertiesTest {

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void defaultsAndMaskedSecret() {
        ImanageProperties p = ImanageProperties.of(URI.create("https://cloudimanage.com/"), "ACTIVE_US", "app", "s3cret");
        assertThat(p.baseUrl()).isEqualTo(URI.create("https://cloudimanage.com"));
        assertThat(p.customerId()).isNull();
        assertThat(p.crawlPageSize()).isEqualTo(1000);
        assertThat(p.listPageSize()).isEqualTo(500);
        assertThat(p.rateLimitPerMinute()).isEqualTo(300);
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.toString()).doesNotContain("s3cret").contains("clientSecret=****");
        assertThat(p.withCustomerId("42").libraryBase("42"))
                .isEqualTo(URI.create("https://cloudimanage.com/work/api/v2/customers/42/libraries/ACTIVE_US"));
        assertThat(validator.validate(p)).isEmpty();
    }

    @Test
    void rejectsOutOfRangeValues() {
        ImanageProperties bad = new ImanageProperties(URI.create("https://x"), "a b", "ACTIVE US", "app", "",
                Duration.ofSeconds(1), 1001, 10_000, -1);
        assertThat(validator.validate(bad)).extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("customerId", "library", "clientSecret", "crawlPageSize", "listPageSize",
                        "rateLimitPerMinute");
    }
}
