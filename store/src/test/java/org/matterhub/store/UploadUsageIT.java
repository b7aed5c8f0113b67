package org.matterhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.matterhub.store.StoreConfiguration.StoreEndpoint;
import org.matterhub.store.model.UploadUsageRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * V20's per-person daily upload usage through the application's own role: a person's uploads add up against the quota
 * and the one that would pass it is refused; a person sees and adds to their own usage only, another firm none.
 */
@SpringBootTest(classes = StoreTestApplication.class)
@TestPropertySource(properties = "matterhub.store.pool-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadUsageIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired Tenancy tenancy;
    @Autowired StoreEndpoint endpoint;
    @Autowired UploadUsageRepository usage;

    final UUID firm = UUID.randomUUID();
    final UUID otherFirm = UUID.randomUUID();
    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final UUID staff = UUID.randomUUID();

    @BeforeAll
    void seed() throws SQLException {
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUser(), endpoint.ownerPassword());
             Statement s = c.createStatement()) {
            for (UUID f : new UUID[] {firm, otherFirm}) {
                s.execute("insert into firm (id, name, slug) values ('" + f + "', 'Quota firm', 'quota-" + f.toString().substring(0, 8) + "')");
            }
            for (Object[] u : new Object[][] {{alice, "client", null}, {bob, "client", null}, {staff, "firm", "'staff'"}}) {
                s.execute("insert into portal_user (id, firm_id, email, display_name, kind, firm_role, status) values ('" + u[0]
                        + "', '" + firm + "', '" + u[0] + "@quota.example', 'U', '" + u[1] + "', " + u[2] + ", 'active')");
            }
        }
    }

    @Test
    void uploadsAddUpAndTheOneOverTheQuotaIsRefused() {
        TenantScope a = TenantScope.client(firm, alice);
        assertThat(tenancy.write(a, () -> usage.add(600, 1000))).isTrue();
        assertThat(tenancy.write(a, () -> usage.add(400, 1000))).isTrue();
        assertThat(tenancy.write(a, () -> usage.add(1, 1000))).isFalse();
        assertThat(tenancy.read(a, usage::bytesToday)).isEqualTo(1000);
        // A single upload over the whole quota never counts.
        assertThat(tenancy.write(TenantScope.client(firm, bob), () -> usage.add(1001, 1000))).isFalse();
    }

    @Test
    void aPersonSeesOnlyTheirOwnUsageAndAnotherFirmNone() {
        tenancy.write(TenantScope.staff(firm, staff), () -> usage.add(5, 1_000_000));
        assertThat(tenancy.read(TenantScope.client(firm, bob), () ->
                jdbc.queryForObject("select count(*) from upload_usage where user_id <> ?", Long.class, bob))).isZero();
        assertThat(tenancy.read(TenantScope.system(otherFirm), () ->
                jdbc.queryForObject("select count(*) from upload_usage", Long.class))).isZero();
        assertThat(tenancy.read(TenantScope.staff(firm, staff), usage::bytesToday)).isEqualTo(5);
    }
}
