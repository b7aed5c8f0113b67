package org.matterhub.routes.documents.netdocuments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.store.model.ConnectionRecord;

/** A connection's NetDocuments settings are validated as they are built from its stored row. */
class NetDocumentsClientsTest {

    private final VendorUrls demoUrls = new VendorUrls(true);
    private final NetDocumentsClients clients = new NetDocumentsClients(new DmsConnections(
            new DmsProperties(null, null, "AP-APP", "nd-secret", 1000, null, null), null, null, null, demoUrls));

    @AfterEach
    void close() {
        demoUrls.close();
    }

    private static DmsConnections.Dms connection(String settingsJson) {
        ConnectionRecord row = new ConnectionRecord(UUID.randomUUID(), UUID.randomUUID(), "netdocuments", "ND", "active",
                "http://127.0.0.1:9", false, null, null, null, null, 0, null, null, null);
        return new DmsConnections.Dms(row, DmsSettings.parse(settingsJson));
    }

    @Test
    void aWellFormedRepositoryAndCabinetPass() {
        assertThat(clients.properties(connection("{\"repositoryId\":\"CA-8Q2M5T7R\",\"cabinetId\":\"NG-4K7P2W9X\"}"))
                .cabinetId()).isEqualTo("NG-4K7P2W9X");
    }

    @Test
    void aMalformedCabinetIsRefusedNamingTheSettingButNeverTheSecret() {
        assertThatThrownBy(() -> clients.properties(connection("{\"repositoryId\":\"CA-8Q2M5T7R\",\"cabinetId\":\"NG-1\"}")))
                .isInstanceOf(ConnectorSettings.InvalidSettingsException.class)
                .hasMessage("Invalid NetDocumentsProperties: cabinetId must match \"^NG-[A-Z0-9]{8}$\" (was 'NG-1')")
                .hasMessageNotContaining("nd-secret");
    }
}
