package org.matterhub.routes.documents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.mappings.documents.DmsMatterResolver;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.portal.documents.UploadDestinations;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.ConnectionRecord;
import org.matterhub.store.model.ConnectionRepository;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * The document capability's answer to where a matter's uploads are filed: the firm's first connection of a vendor
 * that files uploads ({@link UploadFiler}), by vendor then display name, that knows a workspace for the matter — the
 * client and matter numbers the connection's {@link DmsSettings} file it under ({@link DmsMatterResolver#keysFor}),
 * looked up among the workspaces its sync has seen. Read on the firm's side: clients read no connection or DMS
 * table, and what is read here is never shown to them beyond the folder's name.
 */
@Component
public class DmsUploadDestinations implements UploadDestinations {

    private final Tenancy tenancy;
    private final ConnectionRepository connections;
    private final DmsRepository dms;
    private final MatterRepository matters;
    private final VendorRegistry vendors;

    public DmsUploadDestinations(Tenancy tenancy, ConnectionRepository connections, DmsRepository dms,
                                 MatterRepository matters, VendorRegistry vendors) {
        this.vendors = vendors;
        this.tenancy = tenancy;
        this.connections = connections;
        this.dms = dms;
        this.matters = matters;
    }

    @Override
    public Choice forMatter(UUID firmId, UUID matterId) {
        return tenancy.read(TenantScope.system(firmId), () -> {
            Optional<MatterRepository.Matter> matter = matters.findVisible(matterId);
            if (matter.isEmpty()) {
                return new Choice(null, "The matter is unknown.");
            }
            MatterRepository.Matter m = matter.get();
            DmsMatterResolver.PortalMatter portalMatter = new DmsMatterResolver.PortalMatter(m.id(), m.number(),
                    m.displayNumber(), m.clientOrgName());
            boolean anyDms = false;
            boolean noFolder = false;
            for (ConnectionRecord c : connections.list().stream()
                    .filter(c -> vendors.supports(c.vendor(), UploadFiler.class) && !"pending_authorization".equals(c.status()))
                    .toList()) {
                anyDms = true;
                DmsSettings settings;
                try {
                    settings = DmsSettings.parse(connections.settings(c.id()).orElse("{}"));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (settings.uploadFolder() == null) {
                    noFolder = true;
                    continue;
                }
                Optional<DmsMatterResolver.DmsKeys> keys = new DmsMatterResolver(settings, List.of(portalMatter))
                        .keysFor(matterId);
                if (keys.isEmpty()) {
                    continue;
                }
                Optional<DmsRepository.Container> workspace = dms.workspace(c.id(), keys.get().clientNumber(),
                        keys.get().matterNumber());
                if (workspace.isPresent()) {
                    return new Choice(new Destination(c.id(), c.vendor(), workspace.get().externalId(),
                            settings.uploadFolder(), workspace.get().clientNumber(), workspace.get().matterNumber()), null);
                }
            }
            if (!anyDms) {
                return new Choice(null, "The firm has no document-management system connected.");
            }
            return new Choice(null, noFolder ? "The firm does not file client uploads in its document-management system."
                    : "The firm's document-management system has no workspace for this matter yet.");
        });
    }
}
