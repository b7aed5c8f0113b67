package org.matterhub.portal.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the documents operations of portal API v1 (see openapi.yaml). */
public final class DocumentModels {

    private DocumentModels() {
    }

    /**
     * One document as a list shows it. {@code latestVersion} is the newest version the caller may see (a client: the
     * newest published one); {@code publication} is present for firm callers only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DocumentSummary(UUID id, UUID matterId, String title, String category, String state,
                                  Integer latestVersion, Instant publishedAt, Instant updatedAt,
                                  PublicationView publication) {
    }

    public record DocumentList(List<DocumentSummary> items, int limit, int offset) {
    }

    /** One document with the clients' actions on it, oldest first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DocumentView(UUID id, UUID matterId, String title, String category, String state,
                               Integer latestVersion, Instant publishedAt, Instant updatedAt, List<ActionView> actions,
                               PublicationView publication) {
    }

    /** Where a document came from and who approved its publication; firm callers only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicationView(String sourceSystem, String dmsFolder, boolean requiresSecondApproval,
                                  UUID requestedBy, Instant requestedAt, UUID approvedBy, Instant approvedAt,
                                  UUID publishedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionView(String action, String comment, UUID userId, Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(int versionNumber, String fileName, String contentType, Long sizeBytes, String sha256,
                              boolean published, Instant createdAt) {
    }

    public record VersionList(UUID documentId, List<VersionView> items) {
    }

    public enum ClientAction { approve, request_changes, close }

    /** A client's structured answer to a document; {@code request_changes} needs a comment. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ActionRequest(@NotNull ClientAction action, @Size(max = 4000) String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SearchHitView(UUID documentId, UUID matterId, String matterDisplayNumber, String title,
                                String category, String state, Integer versionNumber, double rank, String snippet) {
    }

    public record SearchResults(String query, List<SearchHitView> items) {
    }
}
