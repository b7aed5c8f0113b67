package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The {@code profile} part of an upload. The multipart shape (a JSON {@code profile} part and a
 * {@code file} part) is an assumption (simulators/README); fields use profile names. Client and matter
 * ({@code custom1}/{@code custom2}) are inherited from the workspace when left null.
 *
 * @param name      document name without extension; required
 * @param extension file extension without dot, e.g. {@code pdf}
 * @param comment   free-text comment; for a new version, the version comment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImanageUploadProfile(String name, String extension, @JsonProperty("class") String documentClass,
                                   String author, String comment, String custom1, String custom2) {

    public ImanageUploadProfile {
        Objects.requireNonNull(name, "name");
    }

    /** A document named {@code name} with {@code extension}, other fields defaulted by iManage. */
    public static ImanageUploadProfile of(String name, String extension) {
        return new ImanageUploadProfile(name, extension, null, null, null, null, null);
    }

    /** A copy with a comment (e.g. the hub's idempotency marker). */
    public ImanageUploadProfile withComment(String newComment) {
        return new ImanageUploadProfile(name, extension, documentClass, author, newComment, custom1, custom2);
    }

    /** {@code name.extension}. */
    public String fileName() {
        return extension == null || extension.isEmpty() ? name : name + "." + extension;
    }
}
