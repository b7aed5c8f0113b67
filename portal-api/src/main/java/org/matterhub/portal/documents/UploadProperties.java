package org.matterhub.portal.documents;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Client uploads ({@code POST /api/v1/matters/{id}/documents}).
 *
 * @param maxBytes       the largest upload a firm accepts unless it set its own limit ({@code firm.upload_max_bytes});
 *                       default 1 GiB, what the storage streams with a 256 MiB heap
 * @param textBytes      how many leading bytes of a text upload (txt, csv, md, eml) are kept as its searchable text;
 *                       other kinds get none at upload (no document parser runs on client content)
 * @param maxConcurrent  uploads stored at the same time on this node; more answer 503. Each uses one store thread and,
 *                       with the S3 store (an upload's length is unknown until its end), one multipart part in memory
 *                       ({@code matterhub.storage.part-size}, 8 MiB): the default 8 keeps that under 64 MiB
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.uploads")
public record UploadProperties(@Min(1) @DefaultValue("1073741824") long maxBytes,
                               @Min(0) @Max(16 * 1024 * 1024) @DefaultValue("262144") int textBytes,
                               @Min(1) @DefaultValue("8") int maxConcurrent) {
}
