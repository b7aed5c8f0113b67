package org.matterhub.routes.storage;

/**
 * What {@link DocumentBlobStore#put} stored.
 *
 * @param objectKey      the caller's key (the store prefixes it with the firm in the bucket)
 * @param size           plaintext bytes
 * @param sha256         SHA-256 of the plaintext, lower-case hex
 * @param ciphertextSize bytes stored in the bucket
 * @param keyId          Tink's id of the firm keyset's key the blob is sealed under (its primary when sealed)
 */
public record StoredBlob(String objectKey, long size, String sha256, long ciphertextSize, int keyId) {
}
