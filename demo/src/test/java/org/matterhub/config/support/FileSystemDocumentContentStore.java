package org.matterhub.config.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.ByteRange;
import org.matterhub.portal.documents.DocumentContentStore;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Test fixture of our own storage seam: document content as plain files under {@code <root>/<firm id>/<key>}.
 * It stands in for the encrypted S3 store (routes' {@code DocumentBlobStore}) until that bean is wired; it is not
 * a mock of a vendor, and like the real store it decides nothing about who may read — the API does, under RLS.
 * Registered by {@link TestContentStoreSource} through {@code spring.main.sources}, so only hubs that ask for it
 * get it.
 */
public final class FileSystemDocumentContentStore implements DocumentContentStore {

    private final Path root;

    public FileSystemDocumentContentStore(Path root) {
        this.root = root;
    }

    /** Stores content for a firm under a key (what the DMS sync or an upload would do). */
    public void put(UUID firmId, String storageKey, byte[] content) {
        Path file = file(firmId, storageKey);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(TenantScope scope, String storageKey, Optional<ByteRange> range) {
        Path file = file(scope.firmId(), storageKey);
        try {
            InputStream in = Files.newInputStream(file);
            if (range.isEmpty()) {
                return in;
            }
            in.skipNBytes(range.get().first());
            byte[] part = in.readNBytes((int) Math.min(Integer.MAX_VALUE, range.get().length().orElseThrow()));
            in.close();
            return new java.io.ByteArrayInputStream(part);
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(storageKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Streams content to a temporary file beside the target and moves it into place once the source ended, so a
     * failing source leaves nothing under the key (as the real store does).
     */
    @Override
    public StoredContent write(TenantScope scope, String storageKey, InputStream content, long declaredLength) {
        Path file = file(scope.firmId(), storageKey);
        Path partial = null;
        try {
            Files.createDirectories(file.getParent());
            partial = Files.createTempFile(file.getParent(), ".upload-", ".partial");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
                size = content.transferTo(out);
            }
            if (declaredLength >= 0 && size != declaredLength) {
                throw new IOException("Expected " + declaredLength + " bytes, got " + size);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StoredContent(storageKey, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(partial);
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(TenantScope scope, String storageKey) {
        try {
            Files.deleteIfExists(file(scope.firmId(), storageKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Override
    public long size(TenantScope scope, String storageKey) {
        try {
            return Files.size(file(scope.firmId(), storageKey));
        } catch (NoSuchFileException e) {
            throw new ContentMissingException(storageKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(UUID firmId, String storageKey) {
        Path firmRoot = root.resolve(firmId.toString()).normalize();
        Path file = firmRoot.resolve(storageKey).normalize();
        if (!file.startsWith(firmRoot)) {
            throw new IllegalArgumentException("Storage key escapes the firm's directory: " + storageKey);
        }
        return file;
    }
}
