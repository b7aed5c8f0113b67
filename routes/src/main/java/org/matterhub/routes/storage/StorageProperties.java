package org.matterhub.routes.storage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where document binaries are stored: any S3-compatible object store (AWS S3, MinIO, Ceph RGW, S3Proxy).
 * Storage is wired only when {@code matterhub.storage.bucket} is set.
 *
 * @param endpoint  the store's base URL, e.g. {@code http://127.0.0.1:9000}; absent means AWS S3's regional endpoint
 * @param region    signing region; S3-compatible stores usually accept any, AWS needs the bucket's
 * @param bucket    the bucket holding every firm's blobs (under {@code firms/<firm id>/})
 * @param accessKey access key id; blank means the AWS SDK's default credentials chain (environment, profile, role)
 * @param secretKey secret access key; secret, never logged
 * @param pathStyle address the bucket in the path ({@code endpoint/bucket/key}) rather than the host name, as most
 *                  S3-compatible stores need
 * @param partSize  bytes per multipart-upload part (S3's minimum is 5 MiB); an upload holds at most one part in memory
 *                  when its length is not declared, and none otherwise
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.storage")
public record StorageProperties(
        URI endpoint,
        @NotBlank @DefaultValue("us-east-1") String region,
        @NotBlank String bucket,
        String accessKey,
        String secretKey,
        @DefaultValue("false") boolean pathStyle,
        @Min(MIN_PART_SIZE) @Max(MAX_PART_SIZE) @DefaultValue("8388608") int partSize) {

    /** S3's smallest part but the last. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int MAX_PART_SIZE = 512 * 1024 * 1024;

    @Override
    public String toString() {
        return "StorageProperties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                + accessKey + ", secretKey=***, pathStyle=" + pathStyle + ", partSize="
                + partSize + "]";
    }
}
