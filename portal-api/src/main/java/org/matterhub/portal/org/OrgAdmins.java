package org.matterhub.portal.org;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.model.OrgAdminRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.stereotype.Component;

/**
 * Whether the signed-in person is an active org admin of some client org: asked of the database in the person's own
 * scope ({@code mh_org_admin_orgs()}), before a body is read ({@code RoleRules}) and again by the controller.
 */
@Component
public class OrgAdmins {

    private final Tenancy tenancy;
    private final OrgAdminRepository orgs;

    public OrgAdmins(Tenancy tenancy, OrgAdminRepository orgs) {
        this.tenancy = tenancy;
        this.orgs = orgs;
    }

    /** True for a client user who administers at least one org. */
    public boolean test(PortalPrincipal p) {
        return p.isClient() && !tenancy.read(p.scope(), orgs::administeredOrgs).isEmpty();
    }

    /** The caller, when they are an org admin; 403 for anyone else (members, finance users, firm people). */
    PortalPrincipal require(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        if (!test(p)) {
            throw ApiProblem.forbidden("Only an organisation's org admins manage its people.");
        }
        return p;
    }

    /** The org an invitation goes to: the one named, or the caller's only one. Runs in the caller's transaction. */
    UUID target(UUID named) {
        List<UUID> mine = orgs.administeredOrgs();
        if (named != null) {
            if (!mine.contains(named)) {
                throw ApiProblem.notFound("Client org " + named);
            }
            return named;
        }
        if (mine.size() != 1) {
            throw ApiProblem.invalid(java.util.Map.of("clientOrgId",
                    "is required when you administer more than one organisation"));
        }
        return mine.get(0);
    }
}
