package org.matterhub.routes;

import org.matterhub.connectors.clio.ClioProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the vendor connectors' typed settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClioProperties.class, org.matterhub.routes.documents.DmsProperties.class,
        org.matterhub.routes.billing.BillingProperties.class})
public class RoutesConfiguration {
}
