package org.matterhub.connectors.kernel;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A vendor's wire record whose JSON member names are the snake_case of its components ({@code displayNumber} is
 * {@code display_number}, {@code custom1Description} is {@code custom1_description}); members it does not declare are
 * ignored, since vendors add fields. A component whose wire name is not its snake_case (iManage's {@code is_latest},
 * {@code class}) says so with {@code @JsonProperty}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public @interface SnakeCaseJson {
}
