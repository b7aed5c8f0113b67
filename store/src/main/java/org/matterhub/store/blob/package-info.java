/**
 * Envelope encryption of document binaries (DESIGN §5: "encrypted at rest").
 *
 * <p>Three layers of keys: the master key (configuration, {@code matterhub.store.master-key}) wraps one active
 * 256-bit data key per firm ({@link org.matterhub.store.blob.FirmDataKeys}, table {@code firm_data_key}); each blob
 * gets its own key derived from the firm's data key with HKDF-SHA256 and a random salt; that key seals the blob in
 * fixed-size chunks with AES-256-GCM ({@link org.matterhub.store.blob.ChunkedEnvelopeCipher}). Keys never leave
 * the hub, so the object store holds ciphertext only and rotating the master key rewraps a few rows, not every
 * blob. The format follows the segmented streaming AEAD of Hoang, Reyhanitabar, Rogaway and Vizár ("Online
 * Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015), as Google Tink's
 * AES-GCM-HKDF streaming AEAD does.
 */
package org.matterhub.store.blob;
