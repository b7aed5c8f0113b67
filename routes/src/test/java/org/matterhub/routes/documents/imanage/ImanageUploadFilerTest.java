package org.matterhub.routes.documents.imanage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.matterhub.routes.documents.DmsUpload;

class ImanageUploadFilerTest {

    static final UUID ID = UUID.fromString("0b6f2a55-7c1d-4e8f-9a0b-1c2d3e4f5a6b");

    static DmsUpload upload(String title, String fileName, String comment) {
        return new DmsUpload(ID, ID, UUID.randomUUID(), "documents/" + ID + "/v1", fileName, title, "application/pdf", 10,
                "ab", "ACTIVE_US!4001", "Client uploads", "NORTHWIND", "00001", comment);
    }

    @Test
    void theImanageCommentKeepsTheMarkerWhateverTheNote() {
        assertThat(ImanageUploadFiler.comment(upload("T", "t.pdf", null)))
                .isEqualTo("Uploaded through the client portal [matterhub upload " + ID + "]");
        String longNote = ImanageUploadFiler.comment(upload("T", "t.pdf", "page\n\n2 " + "z".repeat(400)));
        assertThat(longNote).hasSize(ImanageUploadFiler.MAX_COMMENT).startsWith("Uploaded through the client portal: page 2 z")
                .endsWith("… [matterhub upload " + ID + "]");
    }
}
