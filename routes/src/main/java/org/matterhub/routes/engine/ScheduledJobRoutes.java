package org.matterhub.routes.engine;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** One route per {@link ClusteredTrigger} bean: the polls and reconciliations of every capability. */
@Component
public class ClusteredTriggerRoutes extends RouteBuilder {

    private final List<ClusteredTrigger> triggers;

    public ClusteredTriggerRoutes(ObjectProvider<ClusteredTrigger> triggers) {
        this.triggers = triggers.orderedStream().toList();
    }

    @Override
    public void configure() {
        for (ClusteredTrigger t : triggers) {
            from("quartz://" + t.trigger() + "?trigger.repeatInterval=" + t.interval().toMillis()
                    + "&trigger.repeatCount=-1&stateful=true")
                    .routeId(t.routeId())
                    .routeConfigurationId(t.routeConfigurationId())
                    .process(exchange -> t.job().run());
        }
    }
}
