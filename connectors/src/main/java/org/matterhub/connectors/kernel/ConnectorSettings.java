package org.matterhub.connectors.kernel;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The one place a connector's settings record is checked against its {@code jakarta.validation} constraints when it
 * is built in code (a connection's settings from its stored row, a copy with another page size), as Spring checks
 * the same records when it binds them at start-up. A bad value is an {@link InvalidSettingsException} naming the
 * setting and the constraint, at once, rather than a failure somewhere in a later call. It also holds what every
 * settings record does alike: defaults for values left out, base URLs without a trailing slash, and a
 * {@code toString} that masks secrets.
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

    /** {@code value}, or {@code fallback} when it is not set (null). */
    public static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** {@code value}, or {@code fallback} when it is not set (0, a number property left out). */
    public static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    /** {@code value}, or {@code fallback} when it is not set (null or blank). */
    public static String textOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** {@code uri} without a trailing slash, so that paths can be appended; null stays null. */
    public static URI withoutTrailingSlash(URI uri) {
        if (uri == null) {
            return null;
        }
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /**
     * A settings record as {@code Name[component=value, …]}, as a record prints itself, but with the value of every
     * secret ({@code …Secret}, {@code …Key}, {@code …Token}, {@code …Password}) masked as {@code ****}.
     */
    public static String describe(Record settings) {
        StringBuilder out = new StringBuilder(settings.getClass().getSimpleName()).append('[');
        RecordComponent[] components = settings.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object value;
            try {
                value = components[i].getAccessor().invoke(settings);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
            out.append(i == 0 ? "" : ", ").append(name).append('=')
                    .append(value != null && secret(name) ? "****" : String.valueOf(value));
        }
        return out.append(']').toString();
    }

    private static boolean secret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("secret") || lower.endsWith("key") || lower.endsWith("token")
                || lower.endsWith("password");
    }

    private static String describe(ConstraintViolation<?> v) {
        String name = v.getPropertyPath().toString();
        return name + " " + v.getMessage() + (secret(name) ? "" : " (was " + quoted(v.getInvalidValue()) + ")");
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
