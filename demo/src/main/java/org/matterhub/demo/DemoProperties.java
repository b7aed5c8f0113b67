package org.matterhub.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
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

    /**
     * Whether the demo starts an in-process stand-in (an object store, a mail server) before the application context:
     * the demo is enabled, {@code matterhub.demo.<switch>} is not false, and {@code ownSetting}, the setting that
     * would point the hub at a real one, is not configured.
     */
    static boolean startsStandIn(Environment env, String switchName, String ownSetting) {
        return Boolean.parseBoolean(env.getProperty("matterhub.demo.enabled", "false"))
                && Boolean.parseBoolean(env.getProperty("matterhub.demo." + switchName, "true"))
                && env.getProperty(ownSetting) == null;
    }
}
