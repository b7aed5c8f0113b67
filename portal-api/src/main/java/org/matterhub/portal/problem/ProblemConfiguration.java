package org.matterhub.portal.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Problem JSON where controller advice does not reach: Spring Security's firewall ({@code ;}, {@code %2e},
 * {@code %25}, CR/LF, {@code ../} in a URL) and Tomcat's error report.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemConfiguration {

    /** A URL the firewall refuses: 400, and the reason in the log only (it names the firewall rule). */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> {
            org.slf4j.LoggerFactory.getLogger(ProblemConfiguration.class).debug("Rejected request: {}", rejected.getMessage());
            ProblemWriter.write(response, 400, "Bad request",
                    "The request URL contains characters or segments the hub does not accept.");
        };
    }

    @Bean
    WebSecurityCustomizer problemFirewallAnswers(RequestRejectedHandler problemRequestRejectedHandler) {
        return web -> web.requestRejectedHandler(problemRequestRejectedHandler);
    }

    /** Runs after Spring Boot's own Tomcat customiser, whose plain error report valve it replaces. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport(ServerErrors errors) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Container host = context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemErrorValve(errors));
                    if (host instanceof StandardHost standard) {
                        standard.setErrorReportValveClass(ProblemErrorValve.class.getName());
                    }
                });
            }
        };
    }
}
