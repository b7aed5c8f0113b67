package org.matterhub.routes.practice.clio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClioMessageMarkerTest {

    @Test
    void aMirroredMessageEndsWithItsPortalIdAndIsRecognisedByIt() {
        UUID id = UUID.randomUUID();
        String body = "Ada Client (portal):\nHello\n\n" + ClioMessageMirrorHandler.marker(id);
        assertThat(ClioMessageMirrorHandler.portalId(body)).contains(id);
        assertThat(ClioMessageMirrorHandler.mirrored(body + "\n")).isTrue();
    }

    @Test
    void aStaffMessageQuotingAMarkerOrNamingAnotherIsNotOurs() {
        UUID id = UUID.randomUUID();
        assertThat(ClioMessageMirrorHandler.mirrored("As you said " + ClioMessageMirrorHandler.marker(id) + " — agreed.")).isFalse();
        assertThat(ClioMessageMirrorHandler.mirrored("Please sign page 3.")).isFalse();
        assertThat(ClioMessageMirrorHandler.mirrored("[portal:not-a-uuid]")).isFalse();
        assertThat(ClioMessageMirrorHandler.mirrored(null)).isFalse();
    }
}
