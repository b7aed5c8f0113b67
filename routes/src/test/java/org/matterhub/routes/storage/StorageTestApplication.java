package org.matterhub.routes.storage;

import org.matterhub.store.StoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The store (embedded PostgreSQL, migrations, data keys), Camel, and document storage, as the application wires them. */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = FlywayAutoConfiguration.class)
@Import({StoreConfiguration.class, StorageConfiguration.class})
public class StorageTestApplication {
}
