package org.matterhub.routes.documents.imanage;

import java.util.Optional;
import org.matterhub.connectors.imanage.ImanageClient;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.connectors.imanage.ImanageFolder;
import org.matterhub.connectors.imanage.ImanageUploadProfile;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.mappings.imanage.ImanageDocumentMapper;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsUpload;
import org.matterhub.routes.documents.UploadFiler;
import org.springframework.stereotype.Component;

/**
 * Files client uploads into iManage Work. iManage has no idempotency key (VENDORS §0.3), so the upload's profile
 * {@code comment} carries the upload's marker ({@code [matterhub upload <id>]}); before uploading, the folder is
 * searched for a document of the same name whose comment carries it — the document a previous attempt created
 * before its response was lost or its transaction died. The folder itself is looked up by name among the
 * workspace's folders before it is created, for the same reason.
 */
@Component
public class ImanageUploadFiler extends ImanageAdapter implements UploadFiler {

    /** iManage's profile comment field is 254 characters long (DeskSite heritage; assumed for Work 10). */
    static final int MAX_COMMENT = 254;

    private final ImanageClients clients;

    public ImanageUploadFiler(ImanageClients clients) {
        this.clients = clients;
    }

    @Override
    public Filed file(DmsConnections.Dms dms, DmsUpload upload, UploadContent content) {
        ImanageClient client = clients.client(dms.connection().firmId(), dms.connection().id());
        ImanageFolder folder = client.workspaceFolders(upload.workspaceId()).stream()
                .filter(f -> upload.folderName().equalsIgnoreCase(f.name())).findFirst()
                .orElseGet(() -> client.createFolder(upload.workspaceId(), upload.folderName(),
                        "Documents clients uploaded through the client portal"));
        String name = upload.dmsName();
        Optional<ImanageDocument> earlier = client.findByName(folder.id(), name).stream()
                .filter(d -> d.comment() != null && d.comment().contains(upload.marker())).findFirst();
        if (earlier.isPresent()) {
            return new Filed(ImanageDocumentMapper.key(earlier.get()), folder.id(), folder.name(), 1, true);
        }
        String extension = upload.extension();
        ImanageDocument created = client.uploadDocument(folder.id(), new ImanageUploadProfile(name,
                extension.isEmpty() ? null : extension, null, null, comment(upload), null, null), content);
        return new Filed(ImanageDocumentMapper.key(created), folder.id(), folder.name(), created.version() == null ? 1 : created.version(),
                false);
    }

    /** "Uploaded by the client through the portal: <note> [matterhub upload <id>]", at most 254 characters. */
    static String comment(DmsUpload upload) {
        String marker = upload.marker();
        String lead = "Uploaded through the client portal";
        String note = upload.comment() == null ? "" : ": " + upload.comment().replaceAll("\\s+", " ").strip();
        int room = MAX_COMMENT - lead.length() - marker.length() - 1;
        if (note.length() > room) {
            note = room > 1 ? note.substring(0, room - 1) + "…" : "";
        }
        return lead + note + " " + marker;
    }
}
