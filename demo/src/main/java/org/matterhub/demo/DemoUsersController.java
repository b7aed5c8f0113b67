package org.matterhub.demo;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.matterhub.portal.security.LoopbackOnly;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the demo users for {@code ./matterhub token --list}: email, org or firm, role; loopback only. */
@RestController
@ConditionalOnProperty(prefix = "matterhub.demo", name = "enabled", havingValue = "true")
public class DemoUsersController {

    private final JdbcTemplate jdbc;
    private final Tenancy tenancy;

    public DemoUsersController(JdbcTemplate jdbc, Tenancy tenancy) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
    }

    @GetMapping(path = "/oidc/demo-users", produces = "text/plain")
    public String users(HttpServletRequest request) {
        LoopbackOnly.require(request, "Demo users");
        List<String> lines = tenancy.read(TenantScope.system(DemoFirm.FIRM_ID), () -> jdbc.queryForList("""
                select u.email || E'\t' || coalesce(o.name, 'firm') || E'\t' || coalesce(m.role, u.firm_role)
                  from portal_user u left join membership m on m.user_id = u.id and m.revoked_at is null
                  left join client_org o on o.id = m.client_org_id
                 where u.status <> 'revoked' order by u.kind desc, o.name nulls first, u.email""", String.class));
        return String.join("\n", lines) + "\n";
    }
}
