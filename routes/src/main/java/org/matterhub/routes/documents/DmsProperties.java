package org.matterhub.routes.documents;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
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
 * @param pollIntervalMs           how often every DMS connection is polled; a bare number is milliseconds ({@code 30s}
 *                                 works too); default 30 s, positive, at most a day
 * @param reconcileIntervalMs      how often the DMS reconciliation runs; default 6 h, positive, at most 7 days
 */
@Validated
@ConfigurationProperties(prefix = "matterhub.dms")
public record DmsProperties(String imanageClientId, String imanageClientSecret, String netdocumentsClientId,
                            String netdocumentsClientSecret, @DefaultValue("1000000") @Min(1) int maxTextChars,
                            @DefaultValue("30000") @DurationUnit(ChronoUnit.MILLIS)
                            @DurationMin(millis = 1, message = "must be positive")
                            @DurationMax(days = 1, message = "must be at most 1 day") Duration pollIntervalMs,
                            @DefaultValue("21600000") @DurationUnit(ChronoUnit.MILLIS)
                            @DurationMin(millis = 1, message = "must be positive")
                            @DurationMax(days = 7, message = "must be at most 7 days") Duration reconcileIntervalMs) {

    public DmsProperties {
        pollIntervalMs = pollIntervalMs == null ? Duration.ofSeconds(30) : pollIntervalMs;
        reconcileIntervalMs = reconcileIntervalMs == null ? Duration.ofHours(6) : reconcileIntervalMs;
    }

    @Override
    public String toString() {
        return "DmsProperties[imanageClientId=" + imanageClientId + ", netdocumentsClientId=" + netdocumentsClientId
                + ", secrets=****, maxTextChars=" + maxTextChars + ", pollIntervalMs=" + pollIntervalMs
                + ", reconcileIntervalMs=" + reconcileIntervalMs + "]";
    }
}
