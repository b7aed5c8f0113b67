package org.matterhub.portal.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.portal.security.CurrentPrincipal;
import org.matterhub.portal.security.PortalPrincipal;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops view of DMS documents that resolve to no matter: they are published nowhere until the DMS profile or the
 * firm's mapping settings are fixed, after which the next poll resolves them.
 */
@RestController
public class DocumentsOpsController {

    private static final String[] OPS = {"ops", "firm_admin"};

    /** One unresolved profile, with the reason in words. */
    public record Unresolved(UUID connectionId, String externalId, String title, String clientNumber, String matterNumber,
                             String folder, String resolution, String detail, Instant firstSeenAt, Instant lastSeenAt) {
    }

    /** A page of them and the total. */
    public record UnresolvedPage(long total, List<Unresolved> items) {
    }

    private final Tenancy tenancy;
    private final DmsRepository dms;

    public DocumentsOpsController(Tenancy tenancy, DmsRepository dms) {
        this.tenancy = tenancy;
        this.dms = dms;
    }

    @GetMapping("/ops/v1/documents/unresolved")
    public UnresolvedPage unresolved(@RequestParam(required = false) String connectionId,
                                     @RequestParam(defaultValue = "100") int limit,
                                     @RequestParam(defaultValue = "0") int offset, HttpServletRequest request) {
        PortalPrincipal p = CurrentPrincipal.firm(request, OPS);
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid paging", "limit is 1–1000 and offset ≥ 0.");
        }
        UUID connection;
        try {
            connection = connectionId == null ? null : UUID.fromString(connectionId);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid filter", "connectionId must be a connection's id.");
        }
        return tenancy.read(p.scope(), () -> new UnresolvedPage(dms.unresolvedCount(connection),
                dms.unresolved(connection, limit, offset).stream().map(d -> new Unresolved(d.connectionId(), d.externalId(),
                        d.title(), d.clientNumber(), d.matterNumber(), d.folderName(), d.resolution(), d.resolutionDetail(),
                        d.firstSeenAt(), d.lastSeenAt())).toList()));
    }
}
