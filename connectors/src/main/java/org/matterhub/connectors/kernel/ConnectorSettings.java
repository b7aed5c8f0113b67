package org.matterhub.connectors.kernel;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The one place a connector's settings record is checked against its {@code jakarta.validation} constraints when it
 * is built in code (a connection's settings from its stored row, a copy with another page size), as Spring checks
 * the same records when it binds them at start-up. A bad value is an {@link InvalidSettingsException} naming the
 * setting and the constraint, at once, rather than a failure somewhere in a later call.
 */
public final class ConnectorSettings {

    /** Hibernate Validator with plain parameter interpolation: no expression language on the connectors' path. */
    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    private ConnectorSettings() {
    }

    /**
     * {@code settings}, when every constraint of its record holds.
     *
     * @throws InvalidSettingsException naming each setting that breaks a constraint (secrets without their value)
     */
    public static <T extends Record> T validated(T settings) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(settings);
        if (!violations.isEmpty()) {
            String what = violations.stream()
                    .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                            .thenComparing(ConstraintViolation::getMessage))
                    .map(ConnectorSettings::describe).collect(Collectors.joining("; "));
            throw new InvalidSettingsException(settings.getClass().getSimpleName() + ": " + what);
        }
        return settings;
    }

    private static String describe(ConstraintViolation<?> v) {
        String name = v.getPropertyPath().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean secret = lower.contains("secret") || lower.contains("key") || lower.contains("token")
                || lower.contains("password");
        return name + " " + v.getMessage() + (secret ? "" : " (was " + quoted(v.getInvalidValue()) + ")");
    }

    private static String quoted(Object value) {
        return value instanceof CharSequence s ? "'" + s + "'" : String.valueOf(value);
    }

    /** A connector setting breaks its constraint; the message names the record, the setting and the constraint. */
    public static final class InvalidSettingsException extends IllegalArgumentException {

        public InvalidSettingsException(String message) {
            super("Invalid " + message);
        }
    }
}
