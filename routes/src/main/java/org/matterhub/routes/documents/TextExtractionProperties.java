package org.matterhub.routes.documents;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of full-text extraction ({@link TextExtractor}), which parses client uploads and DMS versions with Apache
 * Tika in this process. The text kept per version is {@code matterhub.dms.max-text-chars}.
 *
 * @param timeout       longest one parse may take; an overrunning parse is abandoned and the version stays without
 *                      text (not searchable by its content; an upload is flagged by a {@code document.text_skipped}
 *                      audit event)
 * @param maxInputBytes largest file parsed; a longer one is not parsed at all (same outcome)
 * @param threads       parses running at once on this node: bounds their memory and CPU together
 * @param queue         parses waiting for a thread; more are not parsed (same outcome)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.text-extraction")
public record TextExtractionProperties(@NotNull @DefaultValue("60s") Duration timeout,
                                       @Min(1) @DefaultValue("134217728") long maxInputBytes,
                                       @Min(1) @DefaultValue("2") int threads,
                                       @Min(0) @DefaultValue("16") int queue) {
}
