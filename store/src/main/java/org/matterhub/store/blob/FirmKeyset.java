package org.matterhub.store.blob;

import com.google.crypto.tink.StreamingAead;
import java.util.Objects;
import java.util.UUID;

/**
 * A firm's unwrapped keyset as a Tink streaming AEAD: its primary key seals new blobs, each of its keys opens the
 * blobs it sealed. Lives in memory only; {@link #toString()} shows no key material.
 *
 * @param firmId       the firm the keyset belongs to
 * @param aead         the keyset's streaming AEAD
 * @param primaryKeyId Tink's id of the primary key, which seals new blobs
 */
public record FirmKeyset(UUID firmId, StreamingAead aead, int primaryKeyId) {

    public FirmKeyset {
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(aead, "aead");
    }

    @Override
    public String toString() {
        return "FirmKeyset[firmId=" + firmId + ", primaryKeyId=" + Integer.toUnsignedString(primaryKeyId) + "]";
    }
}
