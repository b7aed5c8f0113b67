package org.matterhub.portal.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.matterhub.connectors.kernel.ByteRange;
import org.matterhub.portal.upload.UploadSink;
import org.matterhub.store.tenancy.TenantScope;

/**
 * A {@link DocumentContentStore} on a directory that keeps the real stores' promise: a write streams into a part file
 * and lands under its key only when its source ended cleanly (a failed source leaves nothing). It logs every write that
 * landed, so a test can prove per upload that the store never kept anything, even for a moment.
 */
public final class DirectoryContentStore implements DocumentContentStore {

    private final Path root;
    /** Keys of the writes that landed, in order (a delete does not remove them). */
    public final List<String> landed = new CopyOnWriteArrayList<>();

    public DirectoryContentStore(Path root) {
        this.root = root;
    }

    /** The production sink over this store: what the upload endpoint hands the inspector. */
    public UploadSink sink(TenantScope scope, String storageKey, ExecutorService threads) {
        return new ContentStoreSink(this, scope, storageKey, threads, 1024);
    }

    /** Every file under the root, part files included. */
    public List<Path> files() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoredContent write(TenantScope scope, String storageKey, InputStream content, long declaredLength) {
        Path file = file(storageKey);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.createDirectories(file.getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                size = content.transferTo(out);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            landed.add(storageKey);
            return new StoredContent(storageKey, size, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open(TenantScope scope, String storageKey, Optional<ByteRange> range) {
        try {
            return Files.newInputStream(file(storageKey));
        } catch (IOException e) {
            throw new ContentMissingException(storageKey);
        }
    }

    @Override
    public long size(TenantScope scope, String storageKey) {
        try {
            return Files.size(file(storageKey));
        } catch (IOException e) {
            throw new ContentMissingException(storageKey);
        }
    }

    @Override
    public void delete(TenantScope scope, String storageKey) {
        deleteQuietly(file(storageKey));
    }

    private Path file(String storageKey) {
        return root.resolve(storageKey);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing to clean up
        }
    }
}
