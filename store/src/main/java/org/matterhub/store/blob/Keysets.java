package org.matterhub.store.blob;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.matterhub.store.tenancy.TenantScope;

/** Where blob encryption finds a firm's keyset. The firm is always the scope's; no call crosses firms. */
public interface Keysets {

    /**
     * Plaintext bytes a ciphertext segment holds, plus its 16-byte tag. 64 KiB: a ranged read fetches at most one
     * segment more than it returns at each end, and AES-GCM's per-segment cost is lost in the noise.
     */
    int SEGMENT_BYTES = 64 * 1024;

    /** AES-256-GCM with HKDF-SHA256 per-blob keys, in {@link #SEGMENT_BYTES} ciphertext segments. */
    AesGcmHkdfStreamingParameters PARAMETERS = parameters();

    /** The scope's firm's keyset, created on first use. */
    FirmKeyset keyset(TenantScope scope);

    /** A new keyset of one key with {@link #PARAMETERS}. */
    static KeysetHandle newKeyset() {
        try {
            return KeysetHandle.generateNew(PARAMETERS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not create a streaming AEAD keyset", e);
        }
    }

    /** The streaming AEAD of a keyset, with Tink's primitives registered. */
    static FirmKeyset primitive(UUID firmId, KeysetHandle keyset) {
        try {
            StreamingAead aead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            return new FirmKeyset(firmId, aead, keyset.getPrimary().getId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not open the keyset of firm " + firmId, e);
        }
    }

    private static AesGcmHkdfStreamingParameters parameters() {
        try {
            StreamingAeadConfig.register();
            return AesGcmHkdfStreamingParameters.builder()
                    .setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(SEGMENT_BYTES)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's streaming AEAD is unavailable", e);
        }
    }
}
