package org.matterhub.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** The demo firm's fixed identity and its firm-side people (client people come from the Clio seed). */
public final class DemoFirm {

    public static final UUID FIRM_ID = UUID.nameUUIDFromBytes("matterhub-demo-firm".getBytes(StandardCharsets.UTF_8));
    public static final String NAME = "Harbour Law LLP";
    public static final String SLUG = "harbour-law";

    /** A firm person of the demo. */
    public record FirmPerson(String email, String name, String role) {
    }

    public static final List<FirmPerson> FIRM_PEOPLE = List.of(
            new FirmPerson("schen@harbourlaw.example", "Sarah Chen", "partner"),
            new FirmPerson("jwhitaker@harbourlaw.example", "James Whitaker", "firm_admin"),
            new FirmPerson("aosei@harbourlaw.example", "Amara Osei", "staff"),
            new FirmPerson("ops@harbourlaw.example", "Riley Ops", "ops"));

    private DemoFirm() {
    }
}
