package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A workspace (one per matter by law-firm convention), with the {@code WorkspaceProfile} field names of the
 * iManage connector definition (IM-PP).
 *
 * @param id      {@code LIB!number}, e.g. {@code ACTIVE_US!4001}
 * @param custom1 client alias
 * @param custom2 matter alias
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImanageWorkspace(
        String id,
        String name,
        String description,
        String database,
        @JsonProperty("document_number") Long documentNumber,
        String owner,
        String custom1,
        @JsonProperty("custom1_description") String custom1Description,
        String custom2,
        @JsonProperty("custom2_description") String custom2Description,
        @JsonProperty("create_date") Instant createDate,
        @JsonProperty("edit_date") Instant editDate,
        String wstype,
        @JsonProperty("is_hipaa") Boolean hipaa,
        @JsonProperty("workspace_url") String workspaceUrl) {
}
