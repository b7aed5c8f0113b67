package org.matterhub.routes;

import jakarta.validation.Validator;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.documents.DmsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds and validates the typed settings of the routes and of the vendor connectors. The connectors hold no Spring,
 * so their records are bound here by {@link ValidatedBinding} under their prefix; the hub's own records are ordinary
 * {@code @Validated @ConfigurationProperties}. Either way a wrong or missing value stops start-up with Spring Boot's
 * report naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DmsProperties.class, BillingProperties.class})
public class RoutesConfiguration {

    /** {@code matterhub.clio.*}: the hub's Clio app; each connection adds its own region's base URL. */
    @Bean
    ClioProperties clioProperties(Environment environment, ObjectProvider<Validator> validator) {
        return ValidatedBinding.bind(environment, validator, "matterhub.clio", ClioProperties.class);
    }
}
