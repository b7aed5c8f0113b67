package org.matterhub.portal.documents;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Client uploads ({@code POST /api/v1/matters/{id}/documents}).
 *
 * @param maxBytes               the largest upload a firm accepts unless it set its own limit
 *                               ({@code firm.upload_max_bytes}); default 1 GiB, what the storage streams with a 256 MiB
 *                               heap
 * @param textBytes              how many leading bytes of a text upload (txt, csv, md, eml) are kept as its searchable
 *                               text while the client waits; PDF and Office text is extracted later, once the upload
 *                               is filed, by the bounded extractor ({@code matterhub.dms.text-*})
 * @param maxConcurrent          uploads stored at the same time on this node; more answer 503. Each uses one store
 *                               thread and, with the S3 store (an upload's length is unknown until its end), one
 *                               multipart part in memory ({@code matterhub.storage.part-size}, 8 MiB): the default 8
 *                               keeps that under 64 MiB
 * @param maxConcurrentPerFirm   of those, how many one firm's people (clients and staff together) may hold at once on
 *                               this node; more answer 503 with {@code Retry-After}, and other firms still upload
 * @param dailyBytesPerPerson    bytes one person may upload per UTC day (counted at commit, V20); an upload that would
 *                               pass it is refused with 413 and leaves nothing
 * @param maxParts               form parts an upload may have ({@code file}, {@code title}, {@code comment}: 3); more
 *                               are refused before they are read, so an endless stream of parts cannot hold a slot
 * @param maxDuration            longest an upload request may take from its first byte to its last; past it the
 *                               upload is refused with 408 and leaves nothing. (A body that sends nothing for
 *                               {@code server.tomcat.connection-timeout} is dropped by the server before that.)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.uploads")
public record UploadProperties(@Min(1) @DefaultValue("1073741824") long maxBytes,
                               @Min(0) @Max(16 * 1024 * 1024) @DefaultValue("262144") int textBytes,
                               @Min(1) @DefaultValue("8") int maxConcurrent,
                               @Min(1) @DefaultValue("4") int maxConcurrentPerFirm,
                               @Min(1) @DefaultValue("5368709120") long dailyBytesPerPerson,
                               @Min(1) @DefaultValue("3") int maxParts,
                               @NotNull @DefaultValue("30m") Duration maxDuration) {
}
