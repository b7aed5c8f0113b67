package org.matterhub.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo profile.
 *
 * @param enabled             start the simulators and seed the demo firm
 * @param clioSimulatorPort   port of the in-process Clio simulator (0 = any free port)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("8091") @Min(0) @Max(65535) int clioSimulatorPort) {
}
