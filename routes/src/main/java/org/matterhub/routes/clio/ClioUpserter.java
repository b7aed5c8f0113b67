package org.matterhub.routes.clio;

import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.mappings.canonical.CanonicalContact;
import org.matterhub.mappings.canonical.CanonicalMatter;
import org.matterhub.mappings.canonical.ContactKind;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.mappings.clio.ClioContactMapper;
import org.matterhub.mappings.clio.ClioMatterMapper;
import org.matterhub.store.model.ClientOrgRepository;
import org.matterhub.store.model.ContactRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.sync.ExternalRef;
import org.matterhub.store.sync.ExternalRefRepository;
import org.springframework.stereotype.Component;

/**
 * Idempotent upserts of Clio records, keyed by external_ref. A record whose content hash is unchanged is not
 * rewritten (this is also what suppresses the echo of our own write-backs). Runs inside the caller's
 * transaction, which is bound to the connection's firm.
 */
@Component
public class ClioUpserter {

    public static final String MATTER = "matter";
    public static final String CONTACT = "contact";
    public static final String CLIENT_ORG = "client_org";
    private static final String SYSTEM = SourceSystem.CLIO.id();

    /** What an upsert did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final ExternalRefRepository refs;
    private final MatterRepository matters;
    private final ContactRepository contacts;
    private final ClientOrgRepository orgs;

    public ClioUpserter(ExternalRefRepository refs, MatterRepository matters, ContactRepository contacts,
                        ClientOrgRepository orgs) {
        this.refs = refs;
        this.matters = matters;
        this.contacts = contacts;
        this.orgs = orgs;
    }

    public Outcome matter(UUID connectionId, ClioMatter clio) {
        CanonicalMatter m = ClioMatterMapper.toCanonical(clio);
        refs.lock(connectionId, MATTER, m.externalId());
        Optional<ExternalRef> ref = refs.find(connectionId, MATTER, m.externalId());
        UUID orgId = m.clientExternalId() == null ? null
                : refs.find(connectionId, CLIENT_ORG, m.clientExternalId()).map(ExternalRef::localId).orElse(null);
        String hash = m.contentHash() + ":" + orgId;
        if (ref.isPresent() && hash.equals(ref.get().contentHash()) && ref.get().deletedAt() == null) {
            return Outcome.UNCHANGED;
        }
        UUID localId;
        if (ref.isEmpty()) {
            localId = matters.insert(connectionId, orgId, m);
        } else {
            localId = ref.get().localId();
            matters.update(localId, orgId, m);
        }
        refs.upsert(new ExternalRef(connectionId, SYSTEM, MATTER, m.externalId(), localId, m.etag(), hash,
                m.sourceUpdatedAt(), null));
        return ref.isEmpty() ? Outcome.CREATED : Outcome.UPDATED;
    }

    public Outcome contact(UUID connectionId, ClioContact clio) {
        return contact(connectionId, clio, false);
    }

    /**
     * @param force rewrite the portal copy even when Clio's content is unchanged (after a write-back, the
     *              portal copy may hold a client's proposal that Clio's owner value must replace)
     */
    public Outcome contact(UUID connectionId, ClioContact clio, boolean force) {
        CanonicalContact c = ClioContactMapper.toCanonical(clio);
        refs.lock(connectionId, CONTACT, c.externalId());
        UUID orgId = c.kind() == ContactKind.COMPANY ? ensureOrg(connectionId, c.externalId(), c.name())
                : c.companyExternalId() == null ? orgOf(connectionId, c.externalId())
                : ensureOrg(connectionId, c.companyExternalId(), clio.company().name());
        Optional<ExternalRef> ref = refs.find(connectionId, CONTACT, c.externalId());
        String hash = c.contentHash() + ":" + orgId;
        if (!force && ref.isPresent() && hash.equals(ref.get().contentHash()) && ref.get().deletedAt() == null) {
            if (c.etag() != null && !c.etag().equals(ref.get().etag())) {
                refs.updateEtag(connectionId, CONTACT, c.externalId(), c.etag());
            }
            return Outcome.UNCHANGED;
        }
        UUID localId;
        if (ref.isEmpty()) {
            localId = contacts.insert(connectionId, orgId, c);
        } else {
            localId = ref.get().localId();
            contacts.update(localId, orgId, c);
        }
        refs.upsert(new ExternalRef(connectionId, SYSTEM, CONTACT, c.externalId(), localId, c.etag(), hash,
                c.sourceUpdatedAt(), null));
        return ref.isEmpty() ? Outcome.CREATED : Outcome.UPDATED;
    }

    /** A matter's client that is a person without a company becomes an org of one. */
    public void ensureIndividualClientOrg(UUID connectionId, ClioContact person) {
        if (!"Company".equalsIgnoreCase(person.type()) && person.company() == null) {
            UUID org = ensureOrg(connectionId, Long.toString(person.id()), ClioContactMapper.toCanonical(person).name());
            refs.find(connectionId, CONTACT, Long.toString(person.id()))
                    .ifPresent(r -> contacts.find(r.localId()).filter(ct -> ct.clientOrgId() == null)
                            .ifPresent(ct -> contacts.update(ct.id(), org, ClioContactMapper.toCanonical(person))));
        }
    }

    public boolean knowsClientOrg(UUID connectionId, String clioContactId) {
        return refs.find(connectionId, CLIENT_ORG, clioContactId).isPresent();
    }

    public void deleteMatter(UUID connectionId, String externalId) {
        refs.find(connectionId, MATTER, externalId).ifPresent(r -> {
            matters.markDeleted(r.localId());
            refs.markDeleted(connectionId, MATTER, externalId);
        });
    }

    public void deleteContact(UUID connectionId, String externalId) {
        refs.find(connectionId, CONTACT, externalId).ifPresent(r -> {
            contacts.markDeleted(r.localId());
            refs.markDeleted(connectionId, CONTACT, externalId);
        });
    }

    private UUID orgOf(UUID connectionId, String clioContactId) {
        return refs.find(connectionId, CLIENT_ORG, clioContactId).map(ExternalRef::localId).orElse(null);
    }

    private UUID ensureOrg(UUID connectionId, String clioContactId, String name) {
        refs.lock(connectionId, CLIENT_ORG, clioContactId);
        Optional<ExternalRef> ref = refs.find(connectionId, CLIENT_ORG, clioContactId);
        if (ref.isPresent()) {
            orgs.rename(ref.get().localId(), name);
            return ref.get().localId();
        }
        UUID id = orgs.create(name);
        refs.upsert(new ExternalRef(connectionId, SYSTEM, CLIENT_ORG, clioContactId, id, null, null, null, null));
        return id;
    }
}
