package org.matterhub.routes.storage;

import org.apache.camel.CamelContext;
import org.matterhub.store.blob.Keysets;
import org.matterhub.store.blob.LegacyDataKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Wires document storage when {@code matterhub.storage.bucket} is set. The one {@link S3Client} bean is also what
 * Camel's {@code aws2-s3} component autowires, so routes and the blob store share its connection pool.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "matterhub.storage", name = "bucket")
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

    @Bean(destroyMethod = "close")
    S3Client matterhubS3Client(StorageProperties storage) {
        return s3Client(storage);
    }

    @Bean(destroyMethod = "close")
    DocumentBlobStore documentBlobStore(S3Client matterhubS3Client, CamelContext camelContext, StorageProperties storage,
                                        Keysets keysets) {
        return new DocumentBlobStore(matterhubS3Client, camelContext, storage, keysets);
    }

    /**
     * Re-encrypts, once, the blobs sealed by the envelope used before Tink (see {@link LegacyBlobMigration}); off with
     * {@code matterhub.storage.legacy-reencryption=false}.
     */
    @Bean
    @ConditionalOnProperty(prefix = "matterhub.storage", name = "legacy-reencryption", havingValue = "true",
            matchIfMissing = true)
    LegacyBlobMigration legacyBlobMigration(S3Client matterhubS3Client, StorageProperties storage,
                                            DocumentBlobStore documentBlobStore, LegacyDataKeys legacyDataKeys) {
        return new LegacyBlobMigration(matterhubS3Client, storage.bucket(), documentBlobStore, legacyDataKeys::key);
    }

    /** The portal reads document versions' bytes from the encrypted store. */
    @Bean
    BlobContentStore documentContentStore(DocumentBlobStore documentBlobStore) {
        return new BlobContentStore(documentBlobStore);
    }

    /**
     * An S3 client for the configured store. SDK checksums are sent and checked only where S3 requires them: every
     * segment of a blob carries its own GCM tag, verified end to end, and S3-compatible stores disagree on the SDK's
     * newer trailing-checksum encodings.
     */
    public static S3Client s3Client(StorageProperties storage) {
        AwsCredentialsProvider credentials = storage.accessKey() == null || storage.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKey(), storage.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(storage.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64));
        if (storage.endpoint() != null) {
            builder.endpointOverride(storage.endpoint());
        }
        return builder.build();
    }
}
