package org.matterhub.routes.documents.imanage;

import java.util.UUID;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.routes.documents.ContentRequest;
import org.matterhub.routes.documents.ContentSource;
import org.matterhub.routes.documents.DmsConnections;
import org.springframework.stereotype.Component;

/** Downloads one version of an iManage Work document, addressed as {@code LIB!number.version} (IM-PP). */
@Component
public class ImanageContent extends ImanageAdapter implements ContentSource {

    private final ImanageClients clients;

    public ImanageContent(ImanageClients clients) {
        this.clients = clients;
    }

    @Override
    public ContentDownload open(UUID firmId, ContentRequest request) {
        return clients.client(firmId, request.connectionId())
                .download(request.externalId() + "." + request.sourceVersion(), null);
    }
}
