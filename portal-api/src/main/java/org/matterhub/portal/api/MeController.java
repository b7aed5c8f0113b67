package org.matterhub.portal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.matterhub.mappings.canonical.PostalAddress;
import org.matterhub.portal.api.ApiModels.Address;
import org.matterhub.portal.api.ApiModels.ContactCorrectionRequest;
import org.matterhub.portal.api.ApiModels.ContactView;
import org.matterhub.portal.api.ApiModels.FirmRef;
import org.matterhub.portal.api.ApiModels.Me;
import org.matterhub.portal.api.ApiModels.MembershipView;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.ContactRepository;
import org.matterhub.store.model.FirmRepository;
import org.matterhub.store.model.PortalUserRepository;
import org.matterhub.store.sync.OutboxRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person: who they are, and their own contact details. */
@RestController
@RequestMapping("/api/v1/me")
public class MeController {

    /** Outbox kind of a client's contact correction on its way to the practice-management system. */
    public static final String CONTACT_CORRECTION = "contact.correction";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tenancy tenancy;
    private final PortalUserRepository users;
    private final FirmRepository firms;
    private final ContactRepository contacts;
    private final OutboxRepository outbox;
    private final AuditLog audit;

    public MeController(Tenancy tenancy, PortalUserRepository users, FirmRepository firms, ContactRepository contacts,
                        OutboxRepository outbox, AuditLog audit) {
        this.tenancy = tenancy;
        this.users = users;
        this.firms = firms;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping
    public Me me(HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        return tenancy.read(p.scope(), () -> {
            var user = users.find(p.userId()).orElseThrow(() -> ApiProblem.notFound("Your account"));
            var memberships = users.memberships(p.userId()).stream().filter(m -> !m.revoked())
                    .map(m -> new MembershipView(m.clientOrgId(), m.clientOrgName(), m.role())).toList();
            ContactView contact = user.contactId() == null ? null : contacts.find(user.contactId())
                    .map(c -> new ContactView(c.email(), c.phone(), address(c.address()))).orElse(null);
            return new Me(user.id(), user.email(), user.displayName(), user.kind(), user.firmRole(),
                    new FirmRef(p.firmId(), firms.name(p.firmId()).orElse(null)), memberships, contact);
        });
    }

    /**
     * Corrects the caller's own phone, e-mail or address. The portal copy changes at once; the correction
     * reaches the practice-management system through the outbox, written in this same transaction.
     */
    @PatchMapping(path = "/contact", consumes = {"application/json", "application/merge-patch+json"})
    public ContactView correctContact(@Valid @RequestBody ContactCorrectionRequest body, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        if (!p.isClient()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Not a client contact",
                    "Only client users have a contact record to correct; firm staff edit contacts in the firm's systems.");
        }
        if (body.email() == null && body.phone() == null && body.address() == null) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request",
                    "Give at least one of email, phone or address.");
        }
        return tenancy.write(p.scope(), () -> {
            var user = users.find(p.userId()).orElseThrow(() -> ApiProblem.notFound("Your account"));
            if (user.contactId() == null) {
                throw new ApiProblem(HttpStatus.CONFLICT, "No contact record",
                        "Your account is not linked to a contact at the firm yet; ask the firm to link it.");
            }
            var before = contacts.find(user.contactId()).orElseThrow(() -> ApiProblem.notFound("Your contact record"));
            PostalAddress proposedAddress = body.address() == null ? null : new PostalAddress(body.address().street(),
                    body.address().city(), body.address().region(), body.address().postalCode(), body.address().country());
            contacts.applyCorrection(before.id(), body.email(), body.phone(), proposedAddress);
            if (before.sourceConnectionId() != null) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("contactId", before.id().toString());
                payload.put("base", fields(before.email(), before.phone(), before.address()));
                payload.put("proposed", fields(body.email(), body.phone(), proposedAddress));
                outbox.enqueue(before.sourceConnectionId(), CONTACT_CORRECTION, "contact", before.id(), json(payload));
            }
            audit.record("contact.corrected", "contact", before.id().toString(),
                    Map.of("fields", changedFields(body)));
            var after = contacts.find(before.id()).orElseThrow();
            return new ContactView(after.email(), after.phone(), address(after.address()));
        });
    }

    private static Map<String, Object> fields(String email, String phone, PostalAddress address) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (email != null) {
            m.put("email", email);
        }
        if (phone != null) {
            m.put("phone", phone);
        }
        if (address != null) {
            m.put("address", address);
        }
        return m;
    }

    private static java.util.List<String> changedFields(ContactCorrectionRequest b) {
        var list = new java.util.ArrayList<String>();
        if (b.email() != null) {
            list.add("email");
        }
        if (b.phone() != null) {
            list.add("phone");
        }
        if (b.address() != null) {
            list.add("address");
        }
        return list;
    }

    static Address address(PostalAddress a) {
        return a == null ? null : new Address(a.street(), a.city(), a.region(), a.postalCode(), a.country());
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
