package org.matterhub.routes.documents;

import java.io.InputStream;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plain text of a document version for full-text search (Apache Tika: PDF, Office, text). Streams; keeps at most
 * {@code matterhub.dms.max-text-chars} characters. A file Tika cannot read yields no text, never a failed sync: the
 * document is still found by its title.
 */
@Component
public class TextExtractor {

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    private final AutoDetectParser parser = new AutoDetectParser();
    private final int maxChars;

    public TextExtractor(DmsProperties properties) {
        this.maxChars = properties.maxTextChars() <= 0 ? 1_000_000 : properties.maxTextChars();
    }

    /** The text, or null when there is none or the format is unreadable. */
    public String extract(InputStream content, String fileName) {
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try {
            parser.parse(content, handler, metadata, new ParseContext());
        } catch (Exception e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                log.info("No searchable text in {}: {}", fileName, e.getClass().getSimpleName());
                return null;
            }
        }
        String text = handler.toString().replace('\u0000', ' ').strip();
        return text.isEmpty() ? null : text;
    }
}
