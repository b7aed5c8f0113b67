package org.matterhub.portal.documents;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Upload slots of this node: {@code total} at once for everyone, {@code perFirm} of them for one firm's people, so a
 * firm whose people (or one of whose client users) start many slow uploads cannot keep the other firms out.
 */
final class UploadSlots {

    private final Semaphore total;
    private final int perFirm;
    private final Map<UUID, Semaphore> firms = new ConcurrentHashMap<>();

    UploadSlots(int total, int perFirm) {
        this.total = new Semaphore(total);
        this.perFirm = perFirm;
    }

    /** A slot held until closed, or empty when the firm or the node has none free. */
    Optional<Slot> tryAcquire(UUID firmId) {
        Semaphore firm = firms.computeIfAbsent(firmId, f -> new Semaphore(perFirm));
        if (!firm.tryAcquire()) {
            return Optional.empty();
        }
        if (!total.tryAcquire()) {
            firm.release();
            return Optional.empty();
        }
        return Optional.of(new Slot(firm));
    }

    /** A held slot. */
    final class Slot implements AutoCloseable {
        private final Semaphore firm;
        private boolean released;

        private Slot(Semaphore firm) {
            this.firm = firm;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                total.release();
                firm.release();
            }
        }
    }
}
