package org.matterhub.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DmsUploadTest {

    static final UUID ID = UUID.fromString("0b6f2a55-7c1d-4e8f-9a0b-1c2d3e4f5a6b");

    static DmsUpload upload(String title, String fileName, String comment) {
        return new DmsUpload(ID, ID, UUID.randomUUID(), "documents/" + ID + "/v1", fileName, title, "application/pdf", 10,
                "ab", "ACTIVE_US!4001", "Client uploads", "NORTHWIND", "00001", comment);
    }

    @Test
    void thePayloadTheEndpointWritesIsReadBack() throws Exception {
        DmsUpload u = DmsUpload.parse("{\"uploadId\":\"" + ID + "\",\"documentId\":\"" + ID + "\",\"matterId\":\"" + ID
                + "\",\"versionNumber\":1,\"storageKey\":\"documents/x/v1\",\"fileName\":\"Scan.PDF\",\"title\":\"Scan\","
                + "\"contentType\":\"application/pdf\",\"sizeBytes\":12,\"sha256\":\"ab\",\"workspaceId\":\"W\","
                + "\"folderName\":\"Client uploads\",\"clientNumber\":null,\"matterNumber\":\"00001\",\"comment\":null,"
                + "\"uploadedBy\":\"" + ID + "\",\"uploadedByClient\":true,\"occurredAt\":\"2025-01-01T00:00:00Z\"}");
        assertThat(u.extension()).isEqualTo("pdf");
        assertThat(u.sizeBytes()).isEqualTo(12);
        assertThat(u.clientNumber()).isNull();
        assertThat(u.marker()).isEqualTo("[matterhub upload " + ID + "]");
    }

    @Test
    void theDmsNameIsTheTitleWithoutCharactersAFileNameMayNotCarry() {
        assertThat(upload("Lease: signed / final?", "lease.pdf", null).dmsName()).isEqualTo("Lease_ signed _ final_");
        assertThat(upload("  ", "x.pdf", null).dmsName()).isEqualTo("Client upload");
        assertThat(upload("Notes", "README", null).extension()).isEmpty();
    }
}
