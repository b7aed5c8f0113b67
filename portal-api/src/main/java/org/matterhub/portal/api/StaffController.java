package org.matterhub.portal.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.api.ApiModels.ClientOrgView;
import org.matterhub.portal.api.ApiModels.GrantRequest;
import org.matterhub.portal.api.ApiModels.GrantView;
import org.matterhub.portal.api.ApiModels.InvitationRequest;
import org.matterhub.portal.api.ApiModels.MembershipView;
import org.matterhub.portal.api.ApiModels.UserView;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ClientOrgRepository;
import org.matterhub.store.model.ContactRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.model.PortalUserRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Firm staff manage who of a client may see what: invitations, matter grants, revocation. */
@RestController
@RequestMapping("/api/v1/staff")
public class StaffController {

    /** Outbox kind of an invitation e-mail (payload: userId, clientOrgId, invitedBy); V26 queues org admins' too. */
    public static final String INVITATION_MAIL = "invitation.mail";

    private static final String[] STAFF = {"staff", "partner", "firm_admin"};
    private static final String[] SENIOR = {"partner", "firm_admin"};

    private final Tenancy tenancy;
    private final PortalUserRepository users;
    private final ClientOrgRepository orgs;
    private final MatterRepository matters;
    private final ContactRepository contacts;
    private final AuditLog audit;
    private final OutboxRepository outbox;

    public StaffController(Tenancy tenancy, PortalUserRepository users, ClientOrgRepository orgs, MatterRepository matters,
                           ContactRepository contacts, AuditLog audit, OutboxRepository outbox) {
        this.outbox = outbox;
        this.tenancy = tenancy;
        this.users = users;
        this.orgs = orgs;
        this.matters = matters;
        this.contacts = contacts;
        this.audit = audit;
    }

    @GetMapping("/client-orgs")
    public List<ClientOrgView> clientOrgs(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        return tenancy.read(p.scope(), () -> orgs.list().stream().map(o -> new ClientOrgView(o.id(), o.name())).toList());
    }

    /**
     * Invites a person into a client org with a role; an existing user of the firm just gains the membership. The
     * invitation e-mail with the sign-in link is queued in the same transaction ({@link #INVITATION_MAIL}).
     */
    @PostMapping("/client-orgs/{orgId}/invitations")
    public ResponseEntity<UserView> invite(@PathVariable UUID orgId, @Valid @RequestBody InvitationRequest body,
                                           HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, SENIOR);
        UserView view = tenancy.write(p.scope(), () -> {
            orgs.find(orgId).orElseThrow(() -> ApiProblem.notFound("Client org " + orgId));
            var existing = users.findByEmail(body.email());
            if (existing.isPresent() && !"client".equals(existing.get().kind())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Not a client", body.email() + " belongs to firm staff.");
            }
            UUID userId = existing.map(PortalUserRepository.PortalUser::id).orElseGet(() -> users.create(body.email(),
                    body.displayName(), "client", null, contacts.findPersonByEmail(body.email()).orElse(null)));
            users.addMembership(userId, orgId, body.role().name());
            outbox.enqueue(null, INVITATION_MAIL, "portal_user", userId, "{\"userId\":\"" + userId
                    + "\",\"clientOrgId\":\"" + orgId + "\",\"invitedBy\":\"" + p.userId() + "\"}");
            audit.record("user.invited", "portal_user", userId.toString(),
                    Map.of("clientOrgId", orgId.toString(), "role", body.role().name()));
            return view(userId);
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @PostMapping("/users/{userId}/grants")
    public ResponseEntity<GrantView> grant(@PathVariable UUID userId, @Valid @RequestBody GrantRequest body,
                                           HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        GrantView view = tenancy.write(p.scope(), () -> {
            var user = users.find(userId).filter(u -> "client".equals(u.kind()))
                    .orElseThrow(() -> ApiProblem.notFound("Client user " + userId));
            var matter = matters.findVisible(body.matterId()).orElseThrow(() -> ApiProblem.notFound("Matter " + body.matterId()));
            boolean member = users.memberships(user.id()).stream()
                    .anyMatch(m -> !m.revoked() && m.clientOrgId().equals(matter.clientOrgId()));
            if (!member) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Not a member of the matter's client",
                        "Invite the user into the matter's client org before granting access to its matters.");
            }
            List<String> scopes = body.scopes().stream().map(Enum::name).distinct().toList();
            users.grant(userId, body.matterId(), scopes);
            audit.record("grant.added", "matter", body.matterId().toString(), Map.of("userId", userId.toString(), "scopes", scopes));
            return new GrantView(userId, body.matterId(), scopes);
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @DeleteMapping("/users/{userId}/grants/{matterId}")
    public ResponseEntity<Void> revokeGrant(@PathVariable UUID userId, @PathVariable UUID matterId, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, STAFF);
        int n = tenancy.write(p.scope(), () -> {
            int revoked = users.revokeGrant(userId, matterId);
            if (revoked > 0) {
                audit.record("grant.revoked", "matter", matterId.toString(), Map.of("userId", userId.toString()));
            }
            return revoked;
        });
        if (n == 0) {
            throw ApiProblem.notFound("An active grant of matter " + matterId + " to user " + userId);
        }
        return ResponseEntity.noContent().build();
    }

    /** Ends a client user's access at once. Nothing they created or were shown is deleted. */
    @PostMapping("/users/{userId}/revocation")
    public UserView revokeUser(@PathVariable UUID userId, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, SENIOR);
        return tenancy.write(p.scope(), () -> {
            users.find(userId).filter(u -> "client".equals(u.kind()))
                    .orElseThrow(() -> ApiProblem.notFound("Client user " + userId));
            users.revoke(userId);
            audit.record("user.revoked", "portal_user", userId.toString(), Map.of());
            return view(userId);
        });
    }

    private UserView view(UUID userId) {
        var u = users.find(userId).orElseThrow();
        return new UserView(u.id(), u.email(), u.displayName(), u.kind(), u.status(), users.memberships(userId).stream()
                .filter(m -> !m.revoked()).map(m -> new MembershipView(m.clientOrgId(), m.clientOrgName(), m.role())).toList());
    }
}
