/**
 * Keys for the encryption of document binaries at rest (DESIGN §5), with Google Tink's streaming AEAD.
 *
 * <p>Two layers of keys: the master key (configuration, {@code matterhub.store.master-key}) wraps one Tink keyset
 * per firm ({@link org.matterhub.store.blob.FirmKeysets}, table {@code firm_keyset}); the keyset's primary key
 * seals new blobs with AES-256-GCM-HKDF streaming AEAD in 64 KiB segments (Tink derives a key per blob from the
 * keyset key and a random salt). Keys never leave the hub, so the object store holds ciphertext only, and rotating
 * the master key rewraps one row per firm, not every blob. The blobs themselves are read and written in
 * {@code org.matterhub.routes.storage}.
 */
package org.matterhub.store.blob;
