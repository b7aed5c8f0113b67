package org.matterhub.routes.documents;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's document-management settings: its OAuth applications registered with iManage and NetDocuments (one
 * per hub; each firm's connection adds its own server, library or cabinet and mapping in the connection's
 * settings), and how often the DMS routes poll.
 *
 * @param imanageClientId          OAuth client id of the hub's iManage application
 * @param imanageClientSecret      its secret. <b>Secret:</b> never logged
 * @param netdocumentsClientId     OAuth client id of the hub's NetDocuments application
 * @param netdocumentsClientSecret its secret. <b>Secret:</b> never logged
 * @param maxTextChars             text kept per version for search (default 1,000,000 characters)
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.dms")
public record DmsProperties(String imanageClientId, String imanageClientSecret, String netdocumentsClientId,
                            String netdocumentsClientSecret, @DefaultValue("1000000") @Min(1) int maxTextChars) {

    @Override
    public String toString() {
        return "DmsProperties[imanageClientId=" + imanageClientId + ", netdocumentsClientId=" + netdocumentsClientId
                + ", secrets=****, maxTextChars=" + maxTextChars + "]";
    }
}
