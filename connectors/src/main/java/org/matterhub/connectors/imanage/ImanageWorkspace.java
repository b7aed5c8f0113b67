package org.matterhub.connectors.imanage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * A workspace (one per matter by law-firm convention), with the {@code WorkspaceProfile} field names of the
 * iManage connector definition (IM-PP).
 *
 * @param id      {@code LIB!number}, e.g. {@code ACTIVE_US!4001}
 * @param custom1 client alias
 * @param custom2 matter alias
 */
@SnakeCaseJson
public record ImanageWorkspace(
        String id,
        String name,
        String description,
        String database,
        Long documentNumber,
        String owner,
        String custom1,
        String custom1Description,
        String custom2,
        String custom2Description,
        Instant createDate,
        Instant editDate,
        String wstype,
        @JsonProperty("is_hipaa") Boolean hipaa,
        String workspaceUrl) {
}
