package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * One version of a document, with the {@code FullDocumentProfile} field names of the iManage connector
 * definition (IM-PP). A sync-crawl row may instead be a tombstone ({@link #isDeleted()}) carrying only
 * {@code id}, {@code document_number}, {@code version} and {@code edit_date} (an assumption: iManage
 * documents no deletion feed; only a full-crawl diff is certain).
 *
 * @param id             {@code LIB!docnum.version}, e.g. {@code ACTIVE_US!10001.2}
 * @param documentNumber the number shared by all versions
 * @param latest         whether this is the newest version
 * @param size           bytes of this version's file
 * @param custom1        client alias
 * @param custom2        matter alias
 * @param editDate       moves on every content or profile change; the sync crawl's order
 */
@SnakeCaseJson
public record ImanageDocument(
        String id,
        String database,
        Long documentNumber,
        Integer version,
        @JsonProperty("is_latest") Boolean latest,
        String name,
        String extension,
        Long size,
        String type,
        @JsonProperty("class") String documentClass,
        String author,
        String operator,
        String lastUser,
        String comment,
        String contentType,
        String custom1,
        String custom2,
        String workspaceId,
        String workspaceName,
        Instant createDate,
        Instant editDate,
        Instant editProfileDate,
        @JsonProperty("is_checked_out") Boolean checkedOut,
        String wstype,
        Boolean deleted) {

    /** Whether this crawl row is a tombstone for a deleted version. */
    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    /** Whether this is the newest version. */
    public boolean isLatest() {
        return Boolean.TRUE.equals(latest);
    }

    /** {@code name.extension}, or the name when there is no extension. */
    public String fileName() {
        return extension == null || extension.isEmpty() ? name : name + "." + extension;
    }
}
