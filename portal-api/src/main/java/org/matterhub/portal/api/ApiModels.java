package org.matterhub.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.matterhub.store.model.MatterSectionsRepository;

/** Request and response bodies of portal API v1 (see openapi.yaml). Unknown request fields are errors. */
public final class ApiModels {

    private ApiModels() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(UUID id, String email, String displayName, String kind, String firmRole, FirmRef firm,
                     List<MembershipView> memberships, ContactView contact) {
    }

    public record FirmRef(UUID id, String name) {
    }

    public record MembershipView(UUID clientOrgId, String clientOrgName, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(String email, String phone, Address address) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(@Size(max = 200) String street, @Size(max = 100) String city, @Size(max = 100) String region,
                          @Size(max = 20) String postalCode, @Size(max = 60) String country) {
    }

    /** A client's correction of their own contact details; absent fields stay as they are. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ContactCorrectionRequest(
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "^[+0-9 ()./-]{5,32}$", message = "must be a phone number") String phone,
            @Valid Address address) {
    }

    public enum MatterStatusView { pending, open, closed }

    public record MatterSummary(UUID id, String displayNumber, String description, MatterStatusView status,
                                String practiceArea, String clientOrgName, LocalDate openDate, LocalDate closeDate,
                                Instant updatedAt) {
    }

    public record MatterList(List<MatterSummary> items, int limit, int offset) {
    }

    public record Milestone(String kind, String title, Instant occurredAt) {
    }

    public record Party(String role, String name, String email) {
    }

    public record MatterView(UUID id, String displayNumber, String description, MatterStatusView status,
                             String practiceArea, UUID clientOrgId, String clientOrgName, LocalDate openDate,
                             LocalDate closeDate, Instant updatedAt, List<Milestone> timeline, List<Party> parties,
                             List<MatterSectionsRepository.DocumentItem> documents,
                             List<MatterSectionsRepository.MessageItem> messages,
                             List<MatterSectionsRepository.InvoiceItem> invoices,
                             List<MatterSectionsRepository.AppointmentItem> appointments,
                             List<MatterSectionsRepository.SignatureItem> signatures) {
    }

    public enum ClientRole { org_admin, member, finance }

    public enum Scope { documents, invoices, messages, appointments, signatures }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record InvitationRequest(@NotBlank @Email @Size(max = 254) String email,
                                    @NotBlank @Size(max = 200) String displayName, @NotNull ClientRole role) {
    }

    public record UserView(UUID id, String email, String displayName, String kind, String status,
                           List<MembershipView> memberships) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record GrantRequest(@NotNull UUID matterId, @NotEmpty List<@NotNull Scope> scopes) {
    }

    public record GrantView(UUID userId, UUID matterId, List<String> scopes) {
    }

    public record ClientOrgView(UUID id, String name) {
    }
}
