package org.matterhub.portal.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.matterhub.portal.api.ApiModels.MatterList;
import org.matterhub.portal.api.ApiModels.MatterStatusView;
import org.matterhub.portal.api.ApiModels.MatterSummary;
import org.matterhub.portal.api.ApiModels.MatterView;
import org.matterhub.portal.api.ApiModels.Milestone;
import org.matterhub.portal.api.ApiModels.Party;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.audit.AuditLog;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.model.MatterSectionsRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Matters the caller may see, and the merged view of one. Visibility is decided by row-level security in
 * PostgreSQL: a matter of another client org is simply absent, and answers 404 like one that never existed.
 */
@RestController
@RequestMapping("/api/v1/matters")
public class MattersController {

    private final Tenancy tenancy;
    private final MatterRepository matters;
    private final MatterSectionsRepository sections;
    private final AuditLog audit;

    public MattersController(Tenancy tenancy, MatterRepository matters, MatterSectionsRepository sections, AuditLog audit) {
        this.tenancy = tenancy;
        this.matters = matters;
        this.sections = sections;
        this.audit = audit;
    }

    @GetMapping
    public MatterList list(@RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "50") int limit,
                           @RequestParam(defaultValue = "0") int offset,
                           HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        if (limit < 1 || limit > 200 || offset < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid paging", "limit must be 1–200 and offset ≥ 0.");
        }
        String statusFilter = status == null ? null : parseStatus(status).name();
        List<MatterSummary> items = tenancy.read(p.scope(), () -> matters.listVisible(statusFilter, limit, offset))
                .stream().map(m -> new MatterSummary(m.id(), m.displayNumber(), m.description(), view(m.status()),
                        m.practiceArea(), m.clientOrgName(), m.openDate(), m.closeDate(), m.updatedAt())).toList();
        return new MatterList(items, limit, offset);
    }

    @GetMapping("/{id}")
    public MatterView get(@PathVariable String id, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.of(request);
        UUID matterId = ApiProblem.pathId(id, "Matter");
        return tenancy.write(p.scope(), () -> {
            var m = matters.findVisible(matterId).orElseThrow(() -> ApiProblem.notFound("Matter " + id));
            List<Milestone> timeline = matters.milestones(matterId).stream()
                    .map(ms -> new Milestone(ms.kind(), ms.title(), ms.occurredAt())).toList();
            List<Party> parties = new ArrayList<>();
            if (m.clientOrgName() != null) {
                parties.add(new Party("client", m.clientOrgName(), null));
            }
            if (m.responsibleAttorneyName() != null) {
                parties.add(new Party("responsible_attorney", m.responsibleAttorneyName(), m.responsibleAttorneyEmail()));
            }
            audit.record("matter.viewed", "matter", matterId.toString(), Map.of());
            return new MatterView(m.id(), m.displayNumber(), m.description(), view(m.status()), m.practiceArea(),
                    m.clientOrgId(), m.clientOrgName(), m.openDate(), m.closeDate(), m.updatedAt(), timeline, parties,
                    sections.documents(matterId), sections.messages(matterId), sections.invoices(matterId, LocalDate.now(ZoneOffset.UTC)),
                    sections.appointments(matterId), sections.signatures(matterId));
        });
    }

    private static MatterStatusView parseStatus(String status) {
        try {
            return MatterStatusView.valueOf(status.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid status",
                    "status must be one of pending, open, closed; got '" + status + "'.");
        }
    }

    private static MatterStatusView view(org.matterhub.mappings.canonical.MatterStatus s) {
        return MatterStatusView.valueOf(s.name().toLowerCase(Locale.ROOT));
    }
}
