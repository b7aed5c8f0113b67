package org.matterhub.config.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo profile.
 *
 * @param enabled             start the simulators and seed the demo firm
 * @param clioSimulatorPort   port of the in-process Clio simulator (0 = any free port)
 */
@ConfigurationProperties(prefix = "matterhub.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("8091") int clioSimulatorPort) {
}
