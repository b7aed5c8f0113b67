package org.matterhub.routes;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.core.env.Environment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds a record that carries no Spring annotation (a connector's settings) from the environment and validates its
 * {@code jakarta.validation} constraints, as {@code @Validated @ConfigurationProperties} would: relaxed names
 * ({@code matterhub.clio.page-size}), Spring Boot's conversions ({@code 30s}, URIs), the record's compact constructor
 * supplying the defaults of absent values. A violation throws a {@code BindException} whose
 * {@code BindValidationException} names each property, reported at start-up by Spring Boot's failure analysis.
 */
public final class ValidatedBinding {

    private ValidatedBinding() {
    }

    /** {@code type} bound under {@code prefix} (created from defaults when nothing is set there), validated. */
    public static <T> T bind(Environment environment, ObjectProvider<Validator> validator, String prefix,
                             Class<T> type) {
        BindHandler handler = new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(),
                new SpringValidatorAdapter(validator.getIfAvailable(ValidatedBinding::defaultValidator)));
        return Binder.get(environment).bindOrCreate(prefix, Bindable.of(type), handler);
    }

    /** The context's validator is Spring Boot's ({@code ValidationAutoConfiguration}); this one stands in without it. */
    private static Validator defaultValidator() {
        return Validation.buildDefaultValidatorFactory().getValidator();
    }
}
