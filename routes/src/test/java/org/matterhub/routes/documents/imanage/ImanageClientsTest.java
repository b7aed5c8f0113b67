package org.matterhub.routes.documents.imanage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.matterhub.connectors.imanage.ImanageProperties;
import org.matterhub.connectors.kernel.ConnectorSettings;
import org.matterhub.connectors.kernel.VendorUrlException;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.routes.documents.DmsConnections;
import org.matterhub.routes.documents.DmsProperties;
import org.matterhub.routes.engine.VendorUrls;
import org.matterhub.store.model.ConnectionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's iManage settings are built from its stored row and validated there: a bad value is an error naming
 * the setting at once, not a failure in a later call. (Only the settings are built: the store and the token buckets
 * are not reached.)
 */
class ImanageClientsTest {

    private final VendorUrls demoUrls = new VendorUrls(true);
    private final ImanageClients clients = new ImanageClients(new DmsConnections(
            new DmsProperties("im-app", "im-secret", null, null, 1000, null, null), null, null, null, demoUrls));

    @AfterEach
    void close() {
        demoUrls.close();
    }

    private static DmsConnections.Dms connection(String baseUrl, String settingsJson) {
        ConnectionRecord row = new ConnectionRecord(UUID.randomUUID(), UUID.randomUUID(), "imanage", "iManage", "active",
                baseUrl, false, null, null, null, null, 0, null, null, null);
        return new DmsConnections.Dms(row, DmsSettings.parse(settingsJson));
    }

    @Test
    void aConnectionsSettingsBecomeValidatedConnectorSettings() {
        ImanageProperties p = clients.properties(connection("http://127.0.0.1:9", "{\"library\":\"LIB_1\",\"requestsPerMinute\":60}"));
        assertThat(p.library()).isEqualTo("LIB_1");
        assertThat(p.rateLimitPerMinute()).isEqualTo(60);
        assertThat(clients.properties(connection("http://127.0.0.1:9", "{}")).library()).isEqualTo("ACTIVE_US");
    }

    @Test
    void aBlankOrMalformedLibraryIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> clients.properties(connection("http://127.0.0.1:9", "{\"library\":\" \"}")))
                .isInstanceOf(ConnectorSettings.InvalidSettingsException.class)
                .hasMessageContaining("Invalid ImanageProperties: library must match")
                .hasMessageContaining("library must not be blank (was ' ')");
        assertThatThrownBy(() -> clients.properties(connection("http://127.0.0.1:9", "{\"library\":\"ACTIVE US; DROP\"}")))
                .isInstanceOf(ConnectorSettings.InvalidSettingsException.class)
                .hasMessageContaining("library must match");
    }

    @Test
    void aPlainHttpServerIsRefusedOutsideTheDemo() {
        try (VendorUrls production = new VendorUrls(false)) {
            ImanageClients strict = new ImanageClients(new DmsConnections(
                    new DmsProperties("im-app", "im-secret", null, null, 1000, null, null), null, null, null, production));
            assertThatThrownBy(() -> strict.properties(connection("http://cloudimanage.com", "{}")))
                    .isInstanceOf(VendorUrlException.class);
        }
    }
}
