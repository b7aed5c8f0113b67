package org.matterhub.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy on a free loopback port over a jclouds blob store on disk ({@code directory}) or, if null, in memory. */
record S3ProxyBenchServer(S3Proxy proxy, BlobStoreContext context, URI endpoint) implements AutoCloseable {

    static S3ProxyBenchServer start(Path directory) throws Exception {
        Properties overrides = new Properties();
        if (directory != null) {
            overrides.setProperty("jclouds.filesystem.basedir", directory.toString());
        }
        BlobStoreContext context = ContextBuilder.newBuilder(directory != null ? "filesystem" : "transient")
                .credentials("identity", "credential").overrides(overrides).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, DocumentStorageBenchmark.ACCESS_KEY,
                        DocumentStorageBenchmark.SECRET_KEY).build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        return new S3ProxyBenchServer(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
