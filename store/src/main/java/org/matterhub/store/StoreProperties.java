package org.matterhub.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the portal store.
 *
 * @param embeddedDataDir where the embedded PostgreSQL keeps its data when no {@code spring.datasource.url}
 *                        is configured; data persists between starts. Blank means a fresh temporary directory.
 * @param embeddedPort    port of the embedded PostgreSQL; 0 picks a free one
 * @param appRole         the role the application connects as: owns nothing, not superuser, no BYPASSRLS
 * @param appPassword     password of {@link #appRole}; secret, never logged
 * @param poolSize        maximum connections of the application pool
 * @param masterKey       base64 AES-256 key that encrypts OAuth tokens, webhook secrets and the firms' keysets (the
 *                        primary: it seals everything new); secret, never logged. Required: the hub refuses to
 *                        start without it, except in the demo profile, which keeps a generated key beside its
 *                        embedded data directory (or a temporary one without a directory).
 * @param previousMasterKeys base64 AES-256 keys that only open what they sealed before a rotation; secret, never
 *                        logged. Remove one once {@code rotate-master-key} has re-encrypted everything under
 *                        {@link #masterKey} (docs/operations.md, "Rotating the master key").
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.store")
public record StoreProperties(
        String embeddedDataDir,
        @DefaultValue("0") @Min(0) @Max(65535) int embeddedPort,
        @NotBlank @DefaultValue("matterhub_app") String appRole,
        @DefaultValue("matterhub-app-local") String appPassword,
        @DefaultValue("10") @Min(1) int poolSize,
        String masterKey,
        @DefaultValue({}) List<String> previousMasterKeys) {

    public Path embeddedDataPath() {
        return embeddedDataDir == null || embeddedDataDir.isBlank() ? null : Path.of(embeddedDataDir);
    }

    @Override
    public String toString() {
        return "StoreProperties[embeddedDataDir=" + embeddedDataDir + ", embeddedPort=" + embeddedPort
                + ", appRole=" + appRole + ", poolSize=" + poolSize + ", appPassword=***, masterKey=***, previousMasterKeys=" + previousMasterKeys.size() + " x ***]";
    }
}
