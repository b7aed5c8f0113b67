/**
 * The shared kernel every vendor connector uses: the exception vocabulary ({@link
 * org.matterhub.connectors.kernel.VendorHttpException}, {@link
 * org.matterhub.connectors.kernel.VendorIoException}, {@link
 * org.matterhub.connectors.kernel.VendorResponseException}, {@link
 * org.matterhub.connectors.kernel.ReauthorizationRequiredException}), the {@link
 * org.matterhub.connectors.kernel.ErrorClass} a vendor's {@link
 * org.matterhub.connectors.kernel.ErrorClassifier} maps them to (one shared table; a vendor overrides only where
 * its API differs), {@link org.matterhub.connectors.kernel.Backoff}, the per-connection {@link
 * org.matterhub.connectors.kernel.RateLimiter}, {@link
 * org.matterhub.connectors.kernel.HmacSignatures}, {@link
 * org.matterhub.connectors.kernel.SingleFlight}, OAuth ({@link org.matterhub.connectors.kernel.OAuthClient},
 * {@link org.matterhub.connectors.kernel.OAuthTokenEndpoint}, {@link org.matterhub.connectors.kernel.TokenSession}).
 *
 * <p>The plain-HTTP connectors (Clio, iManage, NetDocuments) share one pipeline: {@link
 * org.matterhub.connectors.kernel.VendorExchange} sends (token, rate-limit permit, one refresh on 401), classifies the
 * status, reads {@code Retry-After}, streams bodies ({@link org.matterhub.connectors.kernel.RequestBody}, {@link
 * org.matterhub.connectors.kernel.UploadContent}, {@link org.matterhub.connectors.kernel.MultipartBody}) and ranged
 * downloads ({@link org.matterhub.connectors.kernel.ByteRange}, {@link
 * org.matterhub.connectors.kernel.ContentDownload}) without holding a file in memory; {@link
 * org.matterhub.connectors.kernel.VendorJson} and {@link org.matterhub.connectors.kernel.JsonResponse} decode the
 * answers. {@link org.matterhub.connectors.kernel.ByteRange} is Matterhub's one definition of a byte range (closed,
 * open-ended "to the end", suffix), also for the portal's downloads and the blob store.
 *
 * <p>Plain Java: no Spring, no Camel. Kept deliberately small; a class belongs here only when at least two vendors
 * need exactly the same thing.
 */
package org.matterhub.connectors.kernel;
