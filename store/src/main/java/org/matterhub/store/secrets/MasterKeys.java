package org.matterhub.store.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the master key comes from. Configured ({@code matterhub.store.master-key}, plus any
 * {@code matterhub.store.previous-master-keys} of a rotation under way), or, in the demo profile only, generated: kept
 * beside the embedded data directory so the demo's secrets survive a restart. Anywhere else a missing key stops the
 * start, rather than sealing secrets with a key nobody keeps.
 */
public final class MasterKeys {

    /** The setting a deployment must give. */
    public static final String SETTING = "matterhub.store.master-key";
    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {
    }

    /**
     * @param masterKey          {@code matterhub.store.master-key}, base64 (null or blank: none configured)
     * @param previousMasterKeys {@code matterhub.store.previous-master-keys}, for decryption only
     * @param demoDataPath       the embedded database's directory, beside which the demo keeps its generated key
     * @param demo               whether the demo profile is active
     * @throws IllegalStateException when no key is configured outside the demo, or a key is not 32 bytes of base64
     */
    public static SecretCipher cipher(String masterKey, List<String> previousMasterKeys, Path demoDataPath, boolean demo) {
        List<byte[]> previous = previousMasterKeys.stream().map(k -> decode(k, "previous-master-keys")).toList();
        if (masterKey != null && !masterKey.isBlank()) {
            return new SecretCipher(decode(masterKey, "master-key"), previous);
        }
        if (!demo) {
            throw new MissingMasterKeyException();
        }
        return new SecretCipher(demoKey(demoDataPath), previous);
    }

    /** The start-up refusal without a master key outside the demo ({@link MissingMasterKeyFailureAnalyzer}). */
    public static final class MissingMasterKeyException extends IllegalStateException {
        MissingMasterKeyException() {
            super("No master key configured: set " + SETTING + " to 32 random bytes in base64 (e.g. `openssl rand "
                    + "-base64 32`), kept outside the database. Only the demo profile generates one.");
        }
    }

    private static byte[] decode(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("matterhub.store." + setting + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("matterhub.store." + setting + " must be 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }

    private static byte[] demoKey(Path dataDir) {
        if (dataDir == null) {
            log.warn("Demo without a data directory: a temporary master key (secrets will not survive a restart)");
            return random();
        }
        Path keyFile = dataDir.resolveSibling(dataDir.getFileName() + ".master-key");
        try {
            if (Files.exists(keyFile)) {
                return Base64.getDecoder().decode(Files.readString(keyFile).trim());
            }
            byte[] key = random();
            Files.createDirectories(keyFile.getParent());
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
            keyFile.toFile().setReadable(false, false);
            keyFile.toFile().setReadable(true, true);
            log.info("Generated a local master key at {} (demo only; production sets {})", keyFile, SETTING);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the demo's master key", e);
        }
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
