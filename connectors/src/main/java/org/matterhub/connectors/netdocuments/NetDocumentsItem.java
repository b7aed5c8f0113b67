package org.matterhub.connectors.netdocuments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A document, folder or workspace as NetDocuments profiles it: {@code standardAttributes} and
 * {@code customAttributes} (VENDORS §3.2; the response fields are not in the spec and follow the simulator).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetDocumentsItem(Standard standardAttributes, List<Attribute> customAttributes) {

    public NetDocumentsItem {
        customAttributes = customAttributes == null ? List.of() : List.copyOf(customAttributes);
    }

    /**
     * Standard attributes.
     *
     * @param id        12-digit id {@code nnnn-nnnn-nnnn}
     * @param type      {@code document}, {@code folder} or {@code workspace}
     * @param version   the official version's number (documents)
     * @param size      bytes of the official version (documents)
     * @param parent    the folder or workspace it is filed in
     * @param workspace a folder's workspace
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Standard(String id, String name, String extension, String type, Long size, Integer version,
                           Integer latestVersionNumber, Integer officialVer, String cabinet, Instant created,
                           String createdBy, Instant modified, String modifiedBy, String parent, String workspace,
                           Boolean deleted, Boolean locked, Boolean checkedOut) {
    }

    /** A custom attribute value; {@code id} is the attribute number. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attribute(int id, String value, String description) {
    }

    public String id() {
        return standardAttributes == null ? null : standardAttributes.id();
    }

    public String name() {
        return standardAttributes == null ? null : standardAttributes.name();
    }

    /** Whether this is a document (not a folder or workspace). */
    public boolean isDocument() {
        String type = standardAttributes == null ? null : standardAttributes.type();
        return !"folder".equalsIgnoreCase(type) && !"workspace".equalsIgnoreCase(type);
    }

    /** The value of custom attribute {@code attributeId}, if set. */
    public Optional<String> attribute(int attributeId) {
        return customAttributes.stream().filter(a -> a.id() == attributeId).map(Attribute::value).findFirst();
    }
}
