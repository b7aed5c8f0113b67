package org.matterhub.routes.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

/**
 * A client upload on its way into a DMS workspace: the payload of an outbox row of kind {@code document.upload},
 * written by the portal's upload endpoint in the upload's transaction.
 *
 * @param uploadId     the upload's id (the portal document's id): what makes retries recognise their own upload
 * @param storageKey   where the bytes are in the document store
 * @param fileName     the client's (inspected) file name
 * @param workspaceId  the matter's workspace in the DMS, as the sync knew it when the upload was accepted
 * @param folderName   the workspace folder uploads are filed into ({@code DmsSettings.uploadFolder()})
 */
public record DmsUpload(UUID uploadId, UUID documentId, UUID matterId, String storageKey, String fileName, String title,
                        String contentType, long sizeBytes, String sha256, String workspaceId, String folderName,
                        String clientNumber, String matterNumber, String comment) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters Windows refuses in file names: a DMS document's name becomes one on check-out. */
    private static final String FORBIDDEN = "\\/:*?\"<>|";

    public static DmsUpload parse(String payload) throws IOException {
        JsonNode p = JSON.readTree(payload);
        return new DmsUpload(UUID.fromString(p.path("uploadId").asText()), UUID.fromString(p.path("documentId").asText()),
                UUID.fromString(p.path("matterId").asText()), p.path("storageKey").asText(), p.path("fileName").asText(),
                p.path("title").asText(), text(p, "contentType"), p.path("sizeBytes").asLong(), text(p, "sha256"),
                p.path("workspaceId").asText(), p.path("folderName").asText(), text(p, "clientNumber"),
                text(p, "matterNumber"), text(p, "comment"));
    }

    /** The lower-case extension of the client's file name, without the dot ("" when it has none). */
    public String extension() {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The document's name in the DMS: the portal title, without characters a file name may not carry. */
    public String dmsName() {
        StringBuilder sb = new StringBuilder();
        for (char c : title.toCharArray()) {
            sb.append(FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c) ? '_' : c);
        }
        String name = sb.toString().strip();
        return name.isEmpty() ? "Client upload" : name;
    }

    /** The marker that ties a DMS document to this upload ({@code [matterhub upload <id>]}). */
    public String marker() {
        return "[matterhub upload " + uploadId + "]";
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
