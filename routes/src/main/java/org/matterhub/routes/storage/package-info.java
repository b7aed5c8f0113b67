/**
 * Document binaries in S3-compatible object storage (AWS S3, MinIO, Ceph RGW; S3Proxy in tests and the demo),
 * encrypted at rest by the hub itself (DESIGN §5).
 *
 * <p><b>Encryption.</b> Google Tink's streaming AEAD in the hub (AES-256-GCM-HKDF-SHA256, 64 KiB segments), under
 * the firm's keyset ({@code org.matterhub.store.blob.FirmKeysets}: one keyset per firm, wrapped by the master key).
 * Whole downloads go through Tink's decrypting stream, ranged ones through its seekable decrypting channel over
 * ranged GETs ({@code S3RangeChannel}), so a range costs the segments covering it.
 * Server-side encryption with customer keys (SSE-C) is not used: it would send the key with every request, so the
 * store (and anything that logs requests on the way) sees key and plaintext; it ties us to stores that implement it;
 * and it cannot authenticate a byte range against the blob it came from. With encryption in the hub keys never
 * leave it, the store holds only ciphertext, and any store works. A bucket policy may still add SSE-S3/SSE-KMS
 * below. Blobs sealed by the envelope used before Tink are re-encrypted once at start-up
 * ({@link org.matterhub.routes.storage.LegacyBlobMigration}).
 *
 * <p><b>Camel and the S3 client.</b> Requests go through Camel's {@code aws2-s3} component (the {@code
 * camel-aws2-s3-starter} of the Camel Spring Boot BOM): {@code getObject} and {@code getObjectRange} for reads,
 * {@code headObject}, {@code deleteObject}, and for uploads of declared length its multipart producer
 * ({@code multiPartUpload=true}), which reads the encrypting stream part by part when given the content length and
 * so never buffers the object. When the length is not declared that producer would read the whole body into memory
 * to measure it, so those uploads use the same {@code S3Client} bean directly: an S3 multipart upload with one
 * part buffered at a time (parts of {@code matterhub.storage.part-size}, default 8 MiB, S3's minimum being 5 MiB),
 * aborted on any failure. Camel's streaming-upload mode is not used: it batches many messages into objects with
 * generated names, not one stream into one named object.
 *
 * <p>Retries: buffered parts are retried by the SDK; a part streamed by Camel's producer cannot be rewound, so a
 * transient failure aborts the upload and the caller retries the whole {@code put} (same key, same result).
 */
package org.matterhub.routes.storage;
