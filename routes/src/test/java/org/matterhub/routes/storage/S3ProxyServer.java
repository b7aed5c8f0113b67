package org.matterhub.routes.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * A real S3-compatible server (S3Proxy over a jclouds blob store) on a free loopback port, in this JVM: transient
 * (in memory) for small tests, or on the file system so large objects cost disk, not heap. Requests are
 * authenticated with AWS signature v2/v4 as a real store would.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "matterhub-test-access";
    public static final String SECRET_KEY = "matterhub-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private S3ProxyServer(String provider, Properties overrides) throws Exception {
        context = ContextBuilder.newBuilder(provider).credentials("identity", "credential").overrides(overrides)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(5);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Blobs in memory. */
    public static S3ProxyServer inMemory() throws Exception {
        return new S3ProxyServer("transient", new Properties());
    }

    /** Blobs as files under {@code directory}. */
    public static S3ProxyServer onDisk(Path directory) throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toString());
        return new S3ProxyServer("filesystem", overrides);
    }

    public URI endpoint() {
        return endpoint;
    }

    public StorageProperties properties(String bucket) {
        return properties(bucket, StorageProperties.MIN_PART_SIZE);
    }

    public StorageProperties properties(String bucket, int partSize) {
        return new StorageProperties(endpoint, "us-east-1", bucket, ACCESS_KEY, SECRET_KEY, true, partSize);
    }

    /** A client of this server with the application's settings, after creating {@code bucket}. */
    public S3Client clientWithBucket(StorageProperties properties) {
        S3Client client = StorageConfiguration.s3Client(properties);
        client.createBucket(CreateBucketRequest.builder().bucket(properties.bucket()).build());
        return client;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
