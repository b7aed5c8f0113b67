package org.matterhub.routes.practice.clio;

import jakarta.validation.Validator;
import org.matterhub.connectors.clio.ClioProperties;
import org.matterhub.routes.ValidatedBinding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds and validates {@code matterhub.clio.*}: the hub's Clio app (each connection adds its own region's base URL) and
 * the Clio routes' {@link ClioSchedule}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClioSchedule.class)
public class ClioConfiguration {

    @Bean
    ClioProperties clioProperties(Environment environment, ObjectProvider<Validator> validator) {
        return ValidatedBinding.bind(environment, validator, "matterhub.clio", ClioProperties.class);
    }
}
