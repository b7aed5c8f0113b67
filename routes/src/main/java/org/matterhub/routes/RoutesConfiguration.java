package org.matterhub.routes;

import org.matterhub.routes.billing.BillingProperties;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.engine.PublicAddress;
import org.matterhub.routes.notify.DigestProperties;
import org.matterhub.routes.notify.MailProperties;
import org.matterhub.routes.notify.NotifyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds and validates the typed settings of the routes. The connectors hold no Spring, so each vendor's room binds
 * its connector's record by {@link ValidatedBinding} under its prefix ({@code practice.clio.ClioConfiguration});
 * the hub's own records are ordinary
 * {@code @Validated @ConfigurationProperties}. Either way a wrong or missing value stops start-up with Spring Boot's
 * report naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DmsProperties.class, BillingProperties.class, PublicAddress.class, NotifyProperties.class,
        MailProperties.class, DigestProperties.class})
public class RoutesConfiguration {
}
