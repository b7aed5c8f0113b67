package org.matterhub.routes.documents.netdocuments;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.UploadContent;
import org.matterhub.connectors.netdocuments.NetDocumentsClient;
import org.matterhub.connectors.netdocuments.NetDocumentsItem;
import org.matterhub.connectors.netdocuments.NetDocumentsUploadResult;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsUpload;
import org.matterhub.routes.documents.UploadFiler;
import org.matterhub.store.model.DmsRepository;
import org.springframework.stereotype.Component;

/**
 * Files client uploads into NetDocuments. NetDocuments has no idempotency key and its upload takes no comment
 * (VENDORS §0.3, §3.2), so an earlier attempt's document is recognised by what it is: a document in the upload
 * folder with the upload's name, extension and size, that no other portal document is tied to, whose bytes hash
 * to the upload's SHA-256 (downloaded only when such a candidate exists, i.e. after a failure). Two uploads of
 * identical bytes under the same name could claim each other's document; both are then filed, with the same content.
 */
@Component
public class NetDocumentsUploadFiler extends NetDocumentsAdapter implements UploadFiler {

    private final NetDocumentsClients clients;
    private final DmsRepository dms;

    public NetDocumentsUploadFiler(NetDocumentsClients clients, DmsRepository dms) {
        this.clients = clients;
        this.dms = dms;
    }

    @Override
    public Filed file(DmsConnections.Dms d, DmsUpload upload, UploadContent content) throws Exception {
        NetDocumentsClient client = clients.client(d.connection().firmId(), d.connection().id());
        NetDocumentsItem folder = client.listContainerAll(upload.workspaceId()).stream()
                .filter(i -> i.standardAttributes() != null && "folder".equalsIgnoreCase(i.standardAttributes().type()))
                .filter(i -> upload.folderName().equalsIgnoreCase(i.name())).findFirst()
                .orElseGet(() -> client.createFolder(upload.workspaceId(), upload.folderName()));
        String name = upload.dmsName();
        String extension = upload.extension();
        List<NetDocumentsItem> candidates = client.findByName(folder.id(), name).stream()
                .filter(i -> extension.equalsIgnoreCase(nullToEmpty(i.standardAttributes().extension())))
                .filter(i -> i.standardAttributes().size() == null || i.standardAttributes().size() == upload.sizeBytes())
                .filter(i -> dms.document(d.connection().id(), i.id())
                        .map(row -> row.documentId() == null || row.documentId().equals(upload.documentId())).orElse(true))
                .toList();
        for (NetDocumentsItem candidate : candidates) {
            if (upload.sha256() != null && upload.sha256().equals(sha256(client, candidate.id()))) {
                return new Filed(candidate.id(), folder.id(), folder.name(), 1, true);
            }
        }
        NetDocumentsUploadResult created = client.upload(folder.id(), extension.isEmpty() ? name : name + "." + extension,
                Map.of(), content);
        return new Filed(created.id(), folder.id(), folder.name(), 1, false);
    }

    private static String sha256(NetDocumentsClient client, String documentId) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (ContentDownload download = client.download(documentId, 1, null);
             InputStream in = new DigestInputStream(download.body(), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
