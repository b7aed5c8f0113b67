/**
 * The shared kernel every vendor connector uses: the exception vocabulary ({@link
 * org.matterhub.connectors.kernel.VendorHttpException}, {@link
 * org.matterhub.connectors.kernel.VendorIoException}, {@link
 * org.matterhub.connectors.kernel.VendorResponseException}), the {@link
 * org.matterhub.connectors.kernel.ErrorClass} a vendor's {@link
 * org.matterhub.connectors.kernel.ErrorClassifier} maps them to, {@link
 * org.matterhub.connectors.kernel.Backoff}, the per-connection {@link
 * org.matterhub.connectors.kernel.RateLimiter} on Bucket4j buckets that a {@link
 * org.matterhub.connectors.kernel.RateLimitBuckets} keeps (the hub's in PostgreSQL, shared by every node), {@link
 * org.matterhub.connectors.kernel.HmacSignatures}, {@link
 * org.matterhub.connectors.kernel.SingleFlight}, and for document systems the streaming pieces {@link
 * org.matterhub.connectors.kernel.UploadContent}, {@link org.matterhub.connectors.kernel.MultipartBody},
 * {@link org.matterhub.connectors.kernel.ByteRange} and {@link org.matterhub.connectors.kernel.ContentDownload}
 * (iManage and NetDocuments both upload multipart and download ranges without holding a file in memory),
 * plus {@link org.matterhub.connectors.kernel.FormEncoding}.
 *
 * <p>Plain Java: no Spring, no Camel, no I/O of its own. Kept deliberately small; a class belongs
 * here only when at least two vendors need exactly the same thing.
 */
package org.matterhub.connectors.kernel;
