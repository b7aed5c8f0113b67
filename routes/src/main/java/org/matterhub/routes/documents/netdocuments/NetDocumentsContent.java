package org.matterhub.routes.documents.netdocuments;

import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.routes.documents.ContentRequest;
import org.matterhub.routes.documents.ContentSource;
import org.matterhub.routes.documents.DmsConnections;
import org.springframework.stereotype.Component;

/** Downloads one version of a NetDocuments document ({@code GET /v1/Document/{id}/{version}}, ND-PP). */
@Component
public class NetDocumentsContent extends NetDocumentsAdapter implements ContentSource {

    private final NetDocumentsClients clients;

    public NetDocumentsContent(NetDocumentsClients clients) {
        this.clients = clients;
    }

    @Override
    public ContentDownload open(UUID firmId, ContentRequest request) {
        return clients.client(firmId, request.connectionId())
                .download(request.externalId(), request.sourceVersion(), null);
    }
}
