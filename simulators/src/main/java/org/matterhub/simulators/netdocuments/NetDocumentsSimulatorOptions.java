package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.OptionsBuilder;

import java.time.Duration;

/**
 * Start-up options for {@link NetDocumentsSimulator}.
 *
 * @param port               TCP port on 127.0.0.1; 0 = ephemeral
 * @param repositoryId       the repository ({@code CA-XXXXXXXX})
 * @param cabinetId          the one cabinet ({@code NG-XXXXXXXX})
 * @param cabinetName        its display name
 * @param clientAttributeId  custom attribute number holding client values (the cabinet's {@code wsOrgAttrNum})
 * @param matterAttributeId  custom attribute number holding matter values (the cabinet's {@code wsAttrNum}),
 *                           a child of the client attribute
 * @param rateLimitPerMinute calls per 60 s per access token; 0 = unlimited. Default 100, the figure of
 *                           NetDocuments' own Power Platform connector documentation
 * @param accessTokenTtl     lifetime of access tokens ({@code expires_in})
 * @param timeoutFaultHold   how long a TIMEOUT fault holds a request before dropping it
 */
public record NetDocumentsSimulatorOptions(int port, String repositoryId, String cabinetId, String cabinetName,
                                           int clientAttributeId, int matterAttributeId, int rateLimitPerMinute,
                                           Duration accessTokenTtl, Duration timeoutFaultHold) {

    public NetDocumentsSimulatorOptions {
        OptionsBuilder.requirePort(port);
        if (repositoryId == null || !repositoryId.matches("CA-[A-Z0-9]{8}")) {
            throw new IllegalArgumentException("repositoryId must look like CA-XXXXXXXX: " + repositoryId);
        }
        if (cabinetId == null || !cabinetId.matches("NG-[A-Z0-9]{8}")) {
            throw new IllegalArgumentException("cabinetId must look like NG-XXXXXXXX: " + cabinetId);
        }
        if (clientAttributeId <= 0 || matterAttributeId <= 0 || clientAttributeId == matterAttributeId) {
            throw new IllegalArgumentException("attribute ids must be positive and distinct");
        }
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rateLimitPerMinute must be >= 0");
        }
    }

    /** Ephemeral port, CA-8Q2M5T7R / NG-4K7P2W9X "Harbour Law", client attr 1, matter attr 2, 100/60 s, 45-min tokens. */
    public static NetDocumentsSimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; see the record components for meaning and {@link #defaults()} for defaults. */
    public static final class Builder extends OptionsBuilder<Builder, NetDocumentsSimulatorOptions> {
        private String repositoryId = "CA-8Q2M5T7R";
        private String cabinetId = "NG-4K7P2W9X";
        private String cabinetName = "Harbour Law";
        private int clientAttributeId = 1;
        private int matterAttributeId = 2;
        private int rateLimitPerMinute = 100;

        Builder() {
            accessTokenTtl(Duration.ofMinutes(45));
        }

        public Builder repositoryId(String v) { return set(() -> repositoryId = v); }
        public Builder cabinetId(String v) { return set(() -> cabinetId = v); }
        public Builder cabinetName(String v) { return set(() -> cabinetName = v); }
        public Builder clientAttributeId(int v) { return set(() -> clientAttributeId = v); }
        public Builder matterAttributeId(int v) { return set(() -> matterAttributeId = v); }
        public Builder rateLimitPerMinute(int v) { return set(() -> rateLimitPerMinute = v); }

        @Override
        public NetDocumentsSimulatorOptions build() {
            return new NetDocumentsSimulatorOptions(port, repositoryId, cabinetId, cabinetName, clientAttributeId,
                    matterAttributeId, rateLimitPerMinute, accessTokenTtl, timeoutFaultHold);
        }
    }
}
