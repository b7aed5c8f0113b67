package org.matterhub.config.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Bean;

/**
 * Adds the filesystem-backed {@link FileSystemDocumentContentStore} to a {@link TestHub}: pass
 * {@code spring.main.sources=} this class's name. Deliberately not a {@code @Configuration}, so the application's
 * component scan of {@code org.matterhub} does not pick it up in hubs that did not ask for it.
 */
public class TestContentStoreSource {

    public static final String PROPERTY = "spring.main.sources";

    @Bean
    FileSystemDocumentContentStore fileSystemDocumentContentStore() {
        try {
            return new FileSystemDocumentContentStore(Files.createTempDirectory("matterhub-documents-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
