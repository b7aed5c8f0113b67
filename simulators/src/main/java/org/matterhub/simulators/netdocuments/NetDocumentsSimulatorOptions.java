package org.matterhub.simulators.netdocuments;

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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
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
    public static final class Builder {
        private int port;
        private String repositoryId = "CA-8Q2M5T7R";
        private String cabinetId = "NG-4K7P2W9X";
        private String cabinetName = "Harbour Law";
        private int clientAttributeId = 1;
        private int matterAttributeId = 2;
        private int rateLimitPerMinute = 100;
        private Duration accessTokenTtl = Duration.ofMinutes(45);
        private Duration timeoutFaultHold = Duration.ofMinutes(5);

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder repositoryId(String repositoryId) {
            this.repositoryId = repositoryId;
            return this;
        }

        public Builder cabinetId(String cabinetId) {
            this.cabinetId = cabinetId;
            return this;
        }

        public Builder cabinetName(String cabinetName) {
            this.cabinetName = cabinetName;
            return this;
        }

        public Builder clientAttributeId(int id) {
            this.clientAttributeId = id;
            return this;
        }

        public Builder matterAttributeId(int id) {
            this.matterAttributeId = id;
            return this;
        }

        public Builder rateLimitPerMinute(int perMinute) {
            this.rateLimitPerMinute = perMinute;
            return this;
        }

        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = ttl;
            return this;
        }

        public Builder timeoutFaultHold(Duration hold) {
            this.timeoutFaultHold = hold;
            return this;
        }

        public NetDocumentsSimulatorOptions build() {
            return new NetDocumentsSimulatorOptions(port, repositoryId, cabinetId, cabinetName, clientAttributeId,
                    matterAttributeId, rateLimitPerMinute, accessTokenTtl, timeoutFaultHold);
        }
    }
}
