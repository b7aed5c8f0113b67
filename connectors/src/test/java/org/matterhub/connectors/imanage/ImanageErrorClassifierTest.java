package org.matterhub.connectors.imanage;

import org.matterhub.connectors.kernel.DocumentSystemClassifierTable;
import org.matterhub.connectors.kernel.ErrorClassifier;

/** {@link ImanageErrorClassifier} as a table: the document systems' rows with iManage's exceptions. */
class ImanageErrorClassifierTest extends DocumentSystemClassifierTable {

    @Override
    protected ErrorClassifier classifier() {
        return new ImanageErrorClassifier();
    }

    @Override
    protected String vendor() {
        return ImanageClient.VENDOR;
    }

    @Override
    protected Throwable reauthorization() {
        return new ImanageReauthorizationRequiredException("POST", "/auth/oauth2/token", 400, "invalid_grant", null);
    }

    @Override
    protected Throwable notFound() {
        return new ImanageNotFoundException("GET", "/x", "NOT_FOUND", null);
    }
}
