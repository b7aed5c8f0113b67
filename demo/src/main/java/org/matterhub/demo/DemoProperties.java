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
 * @param clioRequestsPerMinute the Clio simulator's limit per access token; default 50, Clio's published peak-hour
 *                            limit (VENDORS.md §1.6), so that over-polling shows in the demo as it would in production
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("8091") @Min(0) @Max(65535) int clioSimulatorPort,
                             @DefaultValue("50") @Min(1) int clioRequestsPerMinute) {
}
