package org.matterhub.portal.org;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.matterhub.portal.api.ApiModels.ClientRole;
import org.matterhub.portal.api.ApiModels.Scope;

/** Bodies of the org-admin API ({@code /api/v1/org/**}, see openapi.yaml). Unknown request fields are errors. */
public final class OrgModels {

    private OrgModels() {
    }

    /**
     * An org admin's invitation of a colleague.
     *
     * @param clientOrgId the org to invite into; needed only by an admin of more than one org
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record OrgInvitationRequest(@NotBlank @Email @Size(max = 254) String email,
                                       @NotBlank @Size(max = 200) String displayName, @NotNull ClientRole role,
                                       UUID clientOrgId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record OrgGrantRequest(@NotEmpty @Size(max = 5) List<@NotNull Scope> scopes) {
    }

    public record OrgGrant(UUID matterId, List<String> scopes) {
    }

    /** A person as their organisation knows them; {@code id} is the person inside this org (not a user id). */
    public record OrgPerson(UUID id, UUID clientOrgId, String clientOrgName, String email, String displayName,
                            String role, Instant joinedAt, List<OrgGrant> grants) {
    }

    public record OrgPeople(List<OrgPerson> items) {
    }
}
