package org.matterhub.routes;

import org.matterhub.connectors.clio.ClioProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the vendor connectors' typed settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClioProperties.class, org.matterhub.routes.dms.DmsProperties.class})
public class RoutesConfiguration {
}
