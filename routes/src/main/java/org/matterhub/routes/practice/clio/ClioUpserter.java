package org.matterhub.routes.practice.clio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.clio.ClioActivity;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.connectors.clio.ClioMatter;
import org.matterhub.mappings.canonical.CanonicalContact;
import org.matterhub.mappings.canonical.CanonicalMatter;
import org.matterhub.mappings.canonical.CanonicalTimeEntry;
import org.matterhub.mappings.canonical.ContactKind;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.mappings.clio.ClioContactMapper;
import org.matterhub.mappings.clio.ClioMatterMapper;
import org.matterhub.mappings.clio.ClioTimeEntryMapper;
import org.matterhub.store.model.ClientOrgRepository;
import org.matterhub.store.model.ContactRepository;
import org.matterhub.store.model.MatterRepository;
import org.matterhub.store.model.TimeEntryRepository;
import org.matterhub.store.sync.ExternalRef;
import org.matterhub.store.sync.ExternalRefRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** Clio activities; only time entries are kept (table time_entry, keyed by connection and activity id). */
    public static final String ACTIVITY = "activity";
    /**
     * Currency of a time entry whose matter has no invoice yet. Clio renders an activity's amounts without a currency;
     * the hub takes the matter's billing currency from its invoices, else this one (the Clio simulator's and the demo
     * firm's currency). A firm billing in another currency sees its entries corrected when Clio next changes them.
     */
    public static final String DEFAULT_TIME_ENTRY_CURRENCY = "USD";
    private static final String SYSTEM = SourceSystem.CLIO.id();
    private static final Logger log = LoggerFactory.getLogger(ClioUpserter.class);

    /** What an upsert did. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final ExternalRefRepository refs;
    private final MatterRepository matters;
    private final ContactRepository contacts;
    private final ClientOrgRepository orgs;
    private final TimeEntryRepository timeEntries;

    public ClioUpserter(ExternalRefRepository refs, MatterRepository matters, ContactRepository contacts,
                        ClientOrgRepository orgs, TimeEntryRepository timeEntries) {
        this.refs = refs;
        this.matters = matters;
        this.contacts = contacts;
        this.orgs = orgs;
        this.timeEntries = timeEntries;
    }

    /**
     * A page of activities: each time entry is upserted against its matter (unchanged ones are not rewritten);
     * expenses and costs are skipped, and so is an entry on a matter the hub does not hold (logged).
     *
     * @return the time entries written
     */
    public int timeEntries(UUID connectionId, List<ClioActivity> page) {
        List<ClioActivity> time = page.stream().filter(ClioActivity::isTimeEntry).filter(a -> a.matter() != null).toList();
        if (time.isEmpty()) {
            return 0;
        }
        Map<String, ExternalRef> matterRefs = refs.findAll(connectionId, MATTER,
                time.stream().map(a -> Long.toString(a.matter().id())).distinct().toList());
        Map<UUID, String> currencies = new java.util.HashMap<>();
        int changed = 0;
        for (ClioActivity a : time) {
            ExternalRef matter = matterRefs.get(Long.toString(a.matter().id()));
            if (matter == null) {
                log.info("Clio time entry {} is on matter {}, which the hub does not hold; skipped", a.id(), a.matter().id());
                continue;
            }
            String currency = currencies.computeIfAbsent(matter.localId(),
                    id -> timeEntries.billingCurrency(id).orElse(DEFAULT_TIME_ENTRY_CURRENCY));
            CanonicalTimeEntry entry = ClioTimeEntryMapper.toCanonical(a, currency).orElseThrow();
            if (timeEntries.upsert(connectionId, matter.localId(), entry)) {
                changed++;
            }
        }
        return changed;
    }

    /** A Clio activity that no longer exists: its time entry is kept, marked deleted. */
    public void deleteTimeEntry(UUID connectionId, String externalId) {
        timeEntries.markDeleted(connectionId, externalId);
    }

    /** Activity ids of the connection's time entries that are not marked deleted. */
    public List<String> liveTimeEntryIds(UUID connectionId) {
        return timeEntries.liveExternalIds(connectionId);
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

    /**
     * A page of matters in a handful of statements: the page's records are locked and their refs and client
     * orgs read in one query each; new matters go in as one batch. Same outcome as {@link #matter} per record.
     */
    public int matters(UUID connectionId, List<ClioMatter> page) {
        List<CanonicalMatter> canonical = page.stream().map(ClioMatterMapper::toCanonical).toList();
        List<String> ids = canonical.stream().map(CanonicalMatter::externalId).toList();
        refs.lockAll(connectionId, MATTER, ids);
        Map<String, ExternalRef> existing = refs.findAll(connectionId, MATTER, ids);
        Map<String, ExternalRef> orgRefs = refs.findAll(connectionId, CLIENT_ORG, canonical.stream()
                .map(CanonicalMatter::clientExternalId).filter(java.util.Objects::nonNull).distinct().toList());
        List<MatterRepository.NewMatter> inserts = new ArrayList<>();
        List<ExternalRef> refUpserts = new ArrayList<>();
        int changed = 0;
        for (CanonicalMatter m : canonical) {
            UUID orgId = m.clientExternalId() == null || !orgRefs.containsKey(m.clientExternalId()) ? null
                    : orgRefs.get(m.clientExternalId()).localId();
            String hash = m.contentHash() + ":" + orgId;
            ExternalRef ref = existing.get(m.externalId());
            if (ref != null && hash.equals(ref.contentHash()) && ref.deletedAt() == null) {
                continue;
            }
            UUID localId;
            if (ref == null) {
                localId = UUID.randomUUID();
                inserts.add(new MatterRepository.NewMatter(localId, orgId, m));
            } else {
                localId = ref.localId();
                matters.update(localId, orgId, m);
            }
            refUpserts.add(new ExternalRef(connectionId, SYSTEM, MATTER, m.externalId(), localId, m.etag(), hash,
                    m.sourceUpdatedAt(), null));
            changed++;
        }
        matters.insertAll(connectionId, inserts);
        refs.upsertAll(refUpserts);
        return changed;
    }

    /**
     * A page of contacts in a handful of statements, like {@link #matters}. Companies become client orgs
     * (created here when new); people join their company's org.
     */
    public int contacts(UUID connectionId, List<ClioContact> page) {
        List<CanonicalContact> canonical = page.stream().map(ClioContactMapper::toCanonical).toList();
        List<String> ids = canonical.stream().map(CanonicalContact::externalId).toList();
        refs.lockAll(connectionId, CONTACT, ids);
        Map<String, ExternalRef> existing = refs.findAll(connectionId, CONTACT, ids);
        Map<String, String> orgKeyOf = new java.util.LinkedHashMap<>();
        Map<String, String> companyNames = new java.util.HashMap<>();
        for (int i = 0; i < canonical.size(); i++) {
            CanonicalContact c = canonical.get(i);
            String key = c.kind() == ContactKind.COMPANY ? c.externalId()
                    : c.companyExternalId() != null ? c.companyExternalId() : c.externalId();
            orgKeyOf.put(c.externalId(), key);
            if (c.kind() == ContactKind.COMPANY) {
                companyNames.put(key, c.name());
            } else if (c.companyExternalId() != null) {
                companyNames.putIfAbsent(key, page.get(i).company().name());
            }
        }
        Map<String, UUID> orgIds = new java.util.HashMap<>();
        refs.findAll(connectionId, CLIENT_ORG, orgKeyOf.values().stream().distinct().toList())
                .forEach((k, r) -> orgIds.put(k, r.localId()));
        for (Map.Entry<String, String> company : companyNames.entrySet()) {
            if (!orgIds.containsKey(company.getKey())) {
                orgIds.put(company.getKey(), ensureOrg(connectionId, company.getKey(), company.getValue()));
            }
        }
        List<ContactRepository.NewContact> inserts = new ArrayList<>();
        List<ExternalRef> refUpserts = new ArrayList<>();
        int changed = 0;
        for (CanonicalContact c : canonical) {
            UUID orgId = orgIds.get(orgKeyOf.get(c.externalId()));
            String hash = c.contentHash() + ":" + orgId;
            ExternalRef ref = existing.get(c.externalId());
            if (ref != null && hash.equals(ref.contentHash()) && ref.deletedAt() == null) {
                if (c.etag() != null && !c.etag().equals(ref.etag())) {
                    refUpserts.add(new ExternalRef(connectionId, SYSTEM, CONTACT, c.externalId(), ref.localId(), c.etag(),
                            ref.contentHash(), c.sourceUpdatedAt(), null));
                }
                continue;
            }
            UUID localId;
            if (ref == null) {
                localId = UUID.randomUUID();
                inserts.add(new ContactRepository.NewContact(localId, orgId, c));
            } else {
                localId = ref.localId();
                contacts.update(localId, orgId, c);
                if (c.kind() == ContactKind.COMPANY) {
                    orgs.rename(orgId, c.name());
                }
            }
            refUpserts.add(new ExternalRef(connectionId, SYSTEM, CONTACT, c.externalId(), localId, c.etag(), hash,
                    c.sourceUpdatedAt(), null));
            changed++;
        }
        contacts.insertAll(connectionId, inserts);
        refs.upsertAll(refUpserts);
        return changed;
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
