package org.matterhub.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ClientOrgRepository.ClientOrg;
import org.matterhub.store.model.OrgAdminRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.stereotype.Component;

/**
 * The org admin behind a request, and their organisation's operations run in their own scope. Whether someone is an
 * org admin is asked of the database ({@code mh_org_admin_orgs()}): before a body is read ({@code RoleRules}) and
 * again for each operation. Changes are audited as the org admin, in the change's transaction.
 */
@Component
public record OrgAdmins(Tenancy tenancy, OrgAdminRepository orgs, AuditLog audit) {

    /** True for a client user who administers at least one org. */
    public boolean test(PortalPrincipal p) {
        return p.isClient() && !tenancy.read(p.scope(), orgs::administeredOrgs).isEmpty();
    }

    /** Runs a read of the caller's organisation in their scope; 403 for anyone who is not an org admin. */
    public <T> T read(HttpServletRequest request, Function<OrgAdminRepository, T> work) {
        return tenancy.read(require(request).scope(), () -> work.apply(orgs));
    }

    /** Runs a change of the caller's organisation in one transaction of their scope; 403 as {@link #read}. */
    public <T> T write(HttpServletRequest request, Function<OrgAdminRepository, T> work) {
        return tenancy.write(require(request).scope(), () -> work.apply(orgs));
    }

    /** Appends an audit event of the org admin's change; call inside {@link #write}. */
    public void audit(String action, String subjectType, UUID subjectId, Map<String, ?> details) {
        audit.record(action, subjectType, subjectId.toString(), details);
    }

    private PortalPrincipal require(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        if (!test(p)) {
            throw ApiProblem.forbidden("Only an organisation's org admins manage its people.");
        }
        return p;
    }

    /**
     * The org an invitation goes to: the one named (404 unless the caller administers it), or the caller's only one.
     * Runs inside {@link #write}.
     */
    public ClientOrg target(UUID named) {
        List<ClientOrg> mine = orgs.administeredOrgs();
        if (named != null) {
            return mine.stream().filter(o -> o.id().equals(named)).findFirst()
                    .orElseThrow(() -> ApiProblem.notFound("Client org " + named));
        }
        if (mine.size() != 1) {
            throw ApiProblem.invalid(Map.of("clientOrgId", "is required when you administer more than one organisation"));
        }
        return mine.get(0);
    }
}
