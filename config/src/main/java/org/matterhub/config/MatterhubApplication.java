package org.matterhub.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;

/**
 * The Matterhub hub: portal store, sync routes, portal and ops APIs in one Spring Boot application.
 * Flyway and the DataSource are wired by the store (migrations as the owner, the pool as the app role).
 */
@SpringBootApplication(scanBasePackages = "org.matterhub", exclude = {FlywayAutoConfiguration.class,
        DataSourceAutoConfiguration.class})
public class MatterhubApplication {

    public static void main(String[] args) {
        SpringApplication.run(MatterhubApplication.class, args);
    }
}
