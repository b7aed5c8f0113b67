package org.matterhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code rotate-master-key} command end to end, as an operator runs it: a store written under one key, the command
 * run with the new key primary and the old one previous, then the store started with the new key alone. Also the
 * start-up refusal without a master key outside the demo profile.
 */
class MasterKeyRotationCommandIT {

    @TempDir
    Path home;

    @Test
    void theCommandMovesEverySecretToTheNewKey() throws Exception {
        String oldKey = key();
        String newKey = key();
        String dataDir = "--matterhub.store.embedded-data-dir=" + home.resolve("pgdata");
        UUID firm = UUID.randomUUID();
        UUID connection;
        try (ConfigurableApplicationContext store = store(dataDir, "--matterhub.store.master-key=" + oldKey)) {
            StoreEndpoint endpoint = store.getBean(StoreEndpoint.class);
            try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
                 PreparedStatement ps = c.prepareStatement("insert into firm (id, name, slug) values (?, 'Command', ?)")) {
                ps.setObject(1, firm);
                ps.setString(2, "command-" + firm);
                ps.execute();
            }
            connection = store.getBean(Tenancy.class).write(TenantScope.system(firm), () -> {
                ConnectionRepository repo = store.getBean(ConnectionRepository.class);
                UUID id = repo.create("clio", "Clio", "https://app.clio.com");
                repo.saveTokens(id, "{\"access_token\":\"kept\"}");
                return id;
            });
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = MasterKeyRotationCommand.run(new String[] {dataDir, "--matterhub.store.master-key=" + newKey,
                "--matterhub.store.previous-master-keys=" + oldKey}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("connection.tokens_enc").contains("rewritten      1").doesNotContain(oldKey)
                .doesNotContain(newKey);

        try (ConfigurableApplicationContext store = store(dataDir, "--matterhub.store.master-key=" + newKey)) {
            assertThat(store.getBean(Tenancy.class).read(TenantScope.system(firm),
                    () -> store.getBean(ConnectionRepository.class).loadTokens(connection))).contains("{\"access_token\":\"kept\"}");
        }
    }

    @Test
    void withoutAMasterKeyTheStoreRefusesToStartOutsideTheDemo() {
        assertThatThrownBy(() -> store("--matterhub.store.embedded-data-dir=" + home.resolve("none")).close())
                .hasStackTraceContaining("No master key configured: set matterhub.store.master-key");
        try (ConfigurableApplicationContext demo = store("--matterhub.store.embedded-data-dir=" + home.resolve("demo"),
                "--spring.profiles.active=demo")) {
            assertThat(home.resolve("demo.master-key")).as("the demo keeps its generated key").exists();
        }
    }

    static ConfigurableApplicationContext store(String... args) {
        return new SpringApplicationBuilder(MasterKeyRotationCommand.StoreOnly.class).web(WebApplicationType.NONE)
                .run(args);
    }

    static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
