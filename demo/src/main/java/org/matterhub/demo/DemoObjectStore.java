package org.matterhub.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo's S3-compatible object store: when the demo is enabled and no bucket is configured, an S3Proxy server
 * over a file-system blob store starts on a loopback port before the application context, and
 * {@code matterhub.storage.*} point at it, so document binaries take the same encrypted S3 path as in production.
 * Blobs live under {@code <embedded data dir>/../s3} beside the demo's PostgreSQL (kept across restarts, removed by
 * {@code ./matterhub demo --reset}), or in a temporary directory when the database is not kept. The server stops when
 * the application context closes.
 */
public class DemoObjectStore implements EnvironmentPostProcessor {

    public static final String BUCKET = "matterhub-demo";
    private static final String ACCESS_KEY = "matterhub-demo-access";
    private static final String SECRET_KEY = "matterhub-demo-secret-not-for-production";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!DemoProperties.startsStandIn(env, "object-store", "matterhub.storage.bucket")) {
            return;
        }
        try {
            String dataDir = env.getProperty("matterhub.store.embedded-data-dir");
            Path dir = dataDir == null || dataDir.isBlank() ? Files.createTempDirectory("matterhub-demo-s3-")
                    : Path.of(dataDir).toAbsolutePath().getParent().resolve("s3");
            Files.createDirectories(dir.resolve(BUCKET));
            Properties overrides = new Properties();
            overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                    .overrides(overrides).build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
            proxy.start();
            awaitStarted(proxy);
            Map<String, Object> props = new HashMap<>();
            props.put("matterhub.storage.endpoint", "http://127.0.0.1:" + proxy.getPort());
            props.put("matterhub.storage.bucket", BUCKET);
            props.put("matterhub.storage.access-key", ACCESS_KEY);
            props.put("matterhub.storage.secret-key", SECRET_KEY);
            props.put("matterhub.storage.path-style", "true");
            props.put("matterhub.demo.object-store-dir", dir.toString());
            env.getPropertySources().addFirst(new MapPropertySource("matterhubDemoObjectStore", props));
            application.addListeners((ApplicationListener<ContextClosedEvent>) event -> {
                try {
                    proxy.stop();
                } catch (Exception e) {
                    // The JVM is stopping; the file-system store needs no flush.
                }
                context.close();
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the demo's S3-compatible store", e);
        }
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(5);
        }
    }
}
