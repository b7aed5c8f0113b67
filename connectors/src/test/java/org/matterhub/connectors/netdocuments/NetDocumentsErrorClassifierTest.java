package org.matterhub.connectors.netdocuments;

import org.matterhub.connectors.kernel.DocumentSystemClassifierTable;
import org.matterhub.connectors.kernel.ErrorClassifier;

/** {@link NetDocumentsErrorClassifier} as a table: the document systems' rows with NetDocuments' exceptions. */
class NetDocumentsErrorClassifierTest extends DocumentSystemClassifierTable {

    @Override
    protected ErrorClassifier classifier() {
        return new NetDocumentsErrorClassifier();
    }

    @Override
    protected String vendor() {
        return NetDocumentsClient.VENDOR;
    }

    @Override
    protected Throwable reauthorization() {
        return new NetDocumentsReauthorizationRequiredException("POST", "/v1/OAuth", 400, "invalid_grant", null);
    }

    @Override
    protected Throwable notFound() {
        return new NetDocumentsNotFoundException("GET", "/x", "NotFound", null);
    }
}
