package org.matterhub.portal.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One firm holds at most its share of the node's upload slots; the others still upload. */
class UploadSlotsTest {

    private final UUID firmA = UUID.randomUUID();
    private final UUID firmB = UUID.randomUUID();

    @Test
    void aFirmAtItsLimitLeavesSlotsForOtherFirms() {
        UploadSlots slots = new UploadSlots(3, 2);
        Optional<UploadSlots.Slot> a1 = slots.tryAcquire(firmA);
        Optional<UploadSlots.Slot> a2 = slots.tryAcquire(firmA);
        assertThat(a1).isPresent();
        assertThat(a2).isPresent();
        assertThat(slots.tryAcquire(firmA)).as("firm A's third upload").isEmpty();
        Optional<UploadSlots.Slot> b1 = slots.tryAcquire(firmB);
        assertThat(b1).as("firm B while A is at its limit").isPresent();
        assertThat(slots.tryAcquire(firmB)).as("the node is full").isEmpty();
        a1.get().close();
        a1.get().close(); // closing twice releases once
        assertThat(slots.tryAcquire(firmB)).as("a slot A released").isPresent();
        assertThat(slots.tryAcquire(firmA)).as("node full again").isEmpty();
    }
}
