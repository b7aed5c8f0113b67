package org.matterhub.portal.org;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.org.OrgModels.OrgGrant;
import org.matterhub.portal.org.OrgModels.OrgGrantRequest;
import org.matterhub.portal.org.OrgModels.OrgInvitationRequest;
import org.matterhub.portal.org.OrgModels.OrgPeople;
import org.matterhub.portal.org.OrgModels.OrgPerson;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.OrgAdmins;
import org.matterhub.store.model.ClientOrgRepository.ClientOrg;
import org.matterhub.store.model.OrgAdminRepository;
import org.matterhub.store.model.OrgAdminRepository.Person;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An org admin manages their own organisation: its people, invitations, and its matters' grants to members. The
 * database decides what "their own" is (V26's functions start from the caller's org_admin memberships), so an id of
 * another org answers 404 exactly as one that never existed, whatever this class does. Every change is audited.
 *
 * <p>An invitation answers the same for a new address and for one the portal knows through another organisation or
 * the firm (docs/organisations.md, "Invitations reveal nothing").
 */
@RestController
@RequestMapping("/api/v1/org")
public class OrgAdminController {

    private final OrgAdmins admins;

    public OrgAdminController(OrgAdmins admins) {
        this.admins = admins;
    }

    @GetMapping("/people")
    public OrgPeople people(HttpServletRequest request) {
        return admins.read(request, org -> {
            Map<UUID, List<OrgGrant>> grants = grantsByPerson(org);
            return new OrgPeople(org.people().stream().map(person -> view(person, grants)).toList());
        });
    }

    @GetMapping("/people/{personId}")
    public OrgPerson person(@PathVariable String personId, HttpServletRequest request) {
        UUID id = ApiProblem.pathId(personId, "Person");
        return admins.read(request, org -> view(org.people().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Person " + id)), grantsByPerson(org)));
    }

    /** Invites a colleague; the invitation e-mail with the sign-in link goes out through the outbox. */
    @PostMapping("/invitations")
    public ResponseEntity<OrgPerson> invite(@Valid @RequestBody OrgInvitationRequest body, HttpServletRequest request) {
        OrgPerson view = admins.write(request, org -> {
            ClientOrg target = admins.target(body.clientOrgId());
            UUID orgId = target.id();
            String email = body.email().strip().toLowerCase(Locale.ROOT);
            var invitation = org.invite(orgId, email, body.displayName(), body.role().name())
                    .orElseThrow(() -> ApiProblem.notFound("Client org " + orgId));
            if ("member".equals(invitation.outcome())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Already a person of the organisation",
                        "Someone with this e-mail is already a person of your organisation.");
            }
            // What the firm sees in its audit log: the outcome (a withheld invitation sent nothing).
            admins.audit("org.person_invited", "membership", invitation.personId(), Map.of(
                    "clientOrgId", orgId.toString(), "role", body.role().name(), "outcome", invitation.outcome()));
            // Built from the request alone, so that the answer is the same whoever the address belongs to.
            return new OrgPerson(invitation.personId(), orgId, target.name(), email, body.displayName(), body.role().name(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), List.of());
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    /** Removes a person from the org (their grants on its matters end with it); the last org admin cannot go. */
    @DeleteMapping("/people/{personId}")
    public ResponseEntity<Void> remove(@PathVariable String personId, HttpServletRequest request) {
        UUID id = ApiProblem.pathId(personId, "Person");
        admins.write(request, org -> {
            switch (org.remove(id)) {
                case "removed" -> admins.audit("org.person_removed", "membership", id, Map.of());
                case "last_admin" -> throw new ApiProblem(HttpStatus.CONFLICT, "Last org admin",
                        "The organisation must keep at least one org admin: appoint another one first.");
                default -> throw ApiProblem.notFound("Person " + id);
            }
            return id;
        });
        return ResponseEntity.noContent().build();
    }

    /** Grants a matter of the person's org to a member with the given scopes (again: replaces the scopes). */
    @PutMapping("/people/{personId}/grants/{matterId}")
    public OrgGrant grant(@PathVariable String personId, @PathVariable String matterId,
                          @Valid @RequestBody OrgGrantRequest body, HttpServletRequest request) {
        UUID person = ApiProblem.pathId(personId, "Person");
        UUID matter = ApiProblem.pathId(matterId, "Matter");
        List<String> scopes = body.scopes().stream().map(Enum::name).distinct().sorted().toList();
        return admins.write(request, org -> {
            switch (org.grant(person, matter, scopes)) {
                case "granted" -> admins.audit("org.grant_added", "matter", matter,
                        Map.of("personId", person.toString(), "scopes", scopes));
                case "not_member" -> throw new ApiProblem(HttpStatus.CONFLICT, "Not a member",
                        "Only members take matter grants: org admins see every matter of the organisation, finance "
                                + "users only its invoices.");
                default -> throw notFound(person, matter);
            }
            return new OrgGrant(matter, scopes);
        });
    }

    @DeleteMapping("/people/{personId}/grants/{matterId}")
    public ResponseEntity<Void> revokeGrant(@PathVariable String personId, @PathVariable String matterId,
                                            HttpServletRequest request) {
        UUID person = ApiProblem.pathId(personId, "Person");
        UUID matter = ApiProblem.pathId(matterId, "Matter");
        admins.write(request, org -> {
            if (!org.revokeGrant(person, matter)) {
                throw notFound(person, matter);
            }
            admins.audit("org.grant_revoked", "matter", matter, Map.of("personId", person.toString()));
            return matter;
        });
        return ResponseEntity.noContent().build();
    }

    private static ApiProblem notFound(UUID person, UUID matter) {
        return ApiProblem.notFound("A grant of matter " + matter + " to person " + person);
    }

    private static Map<UUID, List<OrgGrant>> grantsByPerson(OrgAdminRepository org) {
        return org.grants().stream().collect(java.util.stream.Collectors.groupingBy(OrgAdminRepository.Grant::personId,
                java.util.stream.Collectors.mapping(g -> new OrgGrant(g.matterId(), g.scopes()),
                        java.util.stream.Collectors.toList())));
    }

    private static OrgPerson view(Person p, Map<UUID, List<OrgGrant>> grants) {
        return new OrgPerson(p.id(), p.clientOrgId(), p.clientOrgName(), p.email(), p.displayName(), p.role(),
                p.joinedAt(), grants.getOrDefault(p.id(), List.of()));
    }
}
