package org.matterhub.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;

/**
 * The Matterhub hub: portal store, sync routes, portal and ops APIs in one Spring Boot application.
 * Flyway and the DataSource are wired by the store (migrations as the owner, the pool as the app role).
 * With {@code rotate-master-key} as first argument it runs {@link MasterKeyRotationCommand} instead and exits.
 */
@SpringBootApplication(scanBasePackages = "org.matterhub", exclude = {FlywayAutoConfiguration.class,
        DataSourceAutoConfiguration.class})
public class MatterhubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && MasterKeyRotationCommand.NAME.equals(args[0])) {
            System.exit(MasterKeyRotationCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(MatterhubApplication.class, args);
    }
}
