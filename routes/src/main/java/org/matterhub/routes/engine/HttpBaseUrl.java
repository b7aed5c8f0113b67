package org.matterhub.routes.engine;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The annotated text is an absolute {@code http} or {@code https} URL with a host and neither user info, query nor
 * fragment: a base that paths are appended to ({@code /oauth/callback/…}, {@code /webhooks/…}). Null is left to
 * {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = HttpBaseUrl.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpBaseUrl {

    String message() default "must be an absolute http or https URL with a host and no user info, query or fragment";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind {@link HttpBaseUrl}. */
    class Check implements ConstraintValidator<HttpBaseUrl, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                URI u = new URI(value.toString());
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
                        && u.getRawUserInfo() == null && u.getRawQuery() == null && u.getRawFragment() == null;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
