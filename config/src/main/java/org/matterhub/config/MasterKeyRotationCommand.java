package org.matterhub.config;

import java.io.PrintStream;
import org.matterhub.store.StoreConfiguration;
import org.matterhub.store.secrets.MasterKeyRotation;
import org.matterhub.store.secrets.SecretCipher;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code ./matterhub rotate-master-key} (or {@code java -jar matterhub.jar rotate-master-key}): re-encrypts every
 * secret of the store under the configured {@code matterhub.store.master-key}, opening older envelopes with
 * {@code matterhub.store.previous-master-keys}. Starts the store alone (no routes, no web server, no scheduler) with
 * the hub's own configuration, so it reads the same settings and connects as the same role. Exit code 0 when every
 * envelope is under the primary key, 1 when some did not open (they are left as they are), 2 when it could not run.
 * Safe to run again at any time; docs/operations.md, "Rotating the master key", gives the whole procedure.
 */
public final class MasterKeyRotationCommand {

    /** The first program argument that selects this command instead of the hub. */
    public static final String NAME = "rotate-master-key";

    /** The store and nothing else. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @Import(StoreConfiguration.class)
    static class StoreOnly {
    }

    private MasterKeyRotationCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        try (ConfigurableApplicationContext store = new SpringApplicationBuilder(StoreOnly.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(args)) {
            SecretCipher cipher = store.getBean(SecretCipher.class);
            out.println("Re-encrypting the store's secrets under master key " + cipher.primaryKeyId()
                    + " (configured keys: " + cipher.keyIds() + ")");
            int[] done = {0};
            MasterKeyRotation.Report report = store.getBean(MasterKeyRotation.class).rotate((column, firm) -> {
                if (++done[0] % 100 == 0) {
                    out.println("  " + done[0] + " rewritten...");
                }
            });
            report.columns().forEach((column, c) -> out.printf("  %-36s rewritten %6d, already current %6d, failed %d%n",
                    column, c[0], c[1], c[2]));
            if (report.failed() > 0) {
                out.println(report.failed() + " envelope(s) opened with no configured key and were left as they are: "
                        + "keep the previous keys configured and see the log for which rows.");
                return 1;
            }
            out.println("Done: every secret is under " + report.primaryKeyId()
                    + "; the previous master keys may now be removed from configuration.");
            return 0;
        } catch (RuntimeException e) {
            out.println("The rotation could not run: " + e.getMessage());
            return 2;
        }
    }
}
