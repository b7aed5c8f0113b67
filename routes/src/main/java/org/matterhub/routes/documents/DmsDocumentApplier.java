package org.matterhub.routes.documents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.matterhub.mappings.documents.DmsMatterResolver;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;
import org.matterhub.mappings.documents.DocumentCategories;
import org.matterhub.store.model.DmsRepository;
import org.matterhub.store.model.DmsRepository.DmsDocument;
import org.matterhub.store.model.DmsRepository.DocumentState;
import org.matterhub.store.model.DmsRepository.NewPortalDocument;
import org.matterhub.store.model.DmsRepository.NewPortalVersion;
import org.matterhub.store.model.DocumentRepository;
import org.springframework.stereotype.Component;

/**
 * Applies what a DMS reported about a batch of documents to the portal store, inside the caller's transaction (the
 * firm's side), so a batch and the sync cursor that follows it commit together. Vendor-neutral: the iManage and
 * NetDocuments syncs both feed {@link DmsProfile}s here.
 *
 * <p>Rules, in order, per document:
 * <ol>
 *   <li>A tombstone deletes the portal document (clients lose it at once).</li>
 *   <li>The profile's client and matter numbers resolve to a matter by the firm's {@link DmsSettings}; a profile that
 *       resolves to none is kept for ops ({@code dms_document.resolution}) and its portal document, if any, is
 *       withdrawn to {@code internal}.</li>
 *   <li>A document is a portal candidate when it is filed in the configured portal folder or its candidate field has
 *       the configured value; a new candidate enters {@code pending_review}, other documents {@code internal}.
 *       A document that stops being a candidate before publication goes back to {@code internal}.</li>
 *   <li>A document filed only in the client-uploads folder that the hub does not know is not imported: it is a
 *       client upload being filed, which the upload handler records itself.</li>
 *   <li>A document uploaded through the portal and filed in the DMS by the upload handler keeps its title, category,
 *       matter and state whatever its DMS profile says; only new DMS versions of it are recorded.</li>
 *   <li>Each DMS version not yet recorded becomes a portal version through {@link DocumentRepository#addVersion}, which
 *       sends a visible document back to review (or auto-publishes it, as the matter is configured).</li>
 * </ol>
 * New documents take a batched fast path (backfills); known ones the per-document path.
 */
@Component
public class DmsDocumentApplier {

    /** What one batch did. */
    public record Outcome(int created, int updated, int versionsAdded, int unresolved, int deleted,
                          List<ContentRequest> contentNeeded) {
    }

    private final DmsRepository dms;
    private final DocumentRepository documents;

    public DmsDocumentApplier(DmsRepository dms, DocumentRepository documents) {
        this.dms = dms;
        this.documents = documents;
    }

    /** The resolver for a firm's current matters; build once per sync run. */
    public DmsMatterResolver resolver(DmsSettings settings) {
        return new DmsMatterResolver(settings, dms.matterKeys().stream().map(m -> new DmsMatterResolver.PortalMatter(m.id(),
                m.number(), m.displayNumber(), m.clientOrgName())).toList());
    }

    public Outcome apply(UUID connectionId, String vendor, DmsSettings settings, DmsMatterResolver resolver,
                         List<DmsProfile> profiles) {
        dms.lockConnection(connectionId);
        Set<String> ids = profiles.stream().map(DmsProfile::externalId).collect(Collectors.toCollection(HashSet::new));
        Map<String, DmsDocument> known = dms.documents(connectionId, ids);
        Map<String, Set<String>> folders = dms.placementNames(connectionId, ids);
        List<NewPortalDocument> newDocuments = new ArrayList<>();
        List<NewPortalVersion> newVersions = new ArrayList<>();
        List<DmsDocument> rows = new ArrayList<>();
        List<ContentRequest> content = new ArrayList<>();
        List<DmsProfile> existing = new ArrayList<>();
        int created = 0, unresolved = 0, deleted = 0;
        for (DmsProfile p : profiles) {
            DmsDocument before = known.get(p.externalId());
            if (p.deleted()) {
                if (before != null && before.deletedAt() == null) {
                    if (before.documentId() != null) {
                        documents.find(before.documentId()).ifPresent(d -> dms.markDocumentDeleted(d.id()));
                    }
                    dms.markDeleted(connectionId, List.of(p.externalId()));
                    deleted++;
                }
                continue;
            }
            Set<String> in = folders.getOrDefault(p.externalId(), Set.of());
            if (before == null && !in.isEmpty() && settings.uploadFolder() != null
                    && in.stream().allMatch(f -> f.equalsIgnoreCase(settings.uploadFolder()))) {
                continue;
            }
            DmsMatterResolver.Resolution r = resolver.resolve(p.clientNumber(), p.matterNumber());
            if (!r.resolved()) {
                unresolved++;
            }
            if (before != null && before.documentId() != null) {
                existing.add(p);
                rows.add(row(connectionId, p, before.documentId(), folder(in, settings), r));
                continue;
            }
            UUID documentId = null;
            if (r.resolved()) {
                documentId = UUID.randomUUID();
                boolean candidate = candidate(settings, p, in);
                int number = 0;
                for (DmsProfile.DmsVersion v : p.versions()) {
                    newVersions.add(new NewPortalVersion(documentId, ++number, v.number(), v.fileName(), v.contentType(),
                            v.size(), v.createdAt()));
                }
                newDocuments.add(new NewPortalDocument(documentId, r.matterId(), p.title(), category(settings, p),
                        candidate ? "pending_review" : "internal", vendor, connectionId, folder(in, settings),
                        number == 0 ? null : number));
                if (candidate && number > 0) {
                    DmsProfile.DmsVersion latest = p.versions().get(p.versions().size() - 1);
                    content.add(new ContentRequest(connectionId, vendor, p.externalId(), documentId, number, latest.number(),
                            latest.fileName(), latest.size()));
                }
                created++;
            }
            rows.add(row(connectionId, p, documentId, folder(in, settings), r));
        }
        dms.insertDocuments(newDocuments);
        dms.insertVersions(newVersions);
        int updated = 0, versionsAdded = newVersions.size();
        if (!existing.isEmpty()) {
            Map<String, DmsDocument> byId = known;
            Set<UUID> docIds = existing.stream().map(p -> byId.get(p.externalId()).documentId()).collect(Collectors.toSet());
            Map<UUID, Set<Integer>> recorded = dms.sourceVersions(docIds);
            for (DmsProfile p : existing) {
                UUID documentId = byId.get(p.externalId()).documentId();
                if (documents.find(documentId).isEmpty()) {
                    continue; // deleted in the portal meanwhile
                }
                Set<String> in = folders.getOrDefault(p.externalId(), Set.of());
                DmsMatterResolver.Resolution r = resolver.resolve(p.clientNumber(), p.matterNumber());
                if (!r.resolved()) {
                    if (dms.withdraw(documentId)) {
                        updated++;
                    }
                    continue;
                }
                dms.updateProfile(documentId, r.matterId(), p.title(), category(settings, p), folder(in, settings));
                if (!byId.get(p.externalId()).title().equals(p.title()) || dms.setCandidate(documentId, candidate(settings, p, in))) {
                    updated++;
                }
                Set<Integer> have = recorded.getOrDefault(documentId, Set.of());
                for (DmsProfile.DmsVersion v : p.versions()) {
                    if (have.contains(v.number())) {
                        continue;
                    }
                    DocumentRepository.VersionOutcome o = documents.addVersion(documentId, new DocumentRepository.NewVersion(
                            v.fileName(), v.contentType(), v.size(), null, null, null));
                    dms.setSourceVersion(documentId, o.versionNumber(), v.number());
                    versionsAdded++;
                }
            }
            Map<UUID, DocumentState> states = dms.documentStates(docIds);
            for (DmsProfile p : existing) {
                UUID documentId = byId.get(p.externalId()).documentId();
                DocumentState s = states.get(documentId);
                if (s != null && !"internal".equals(s.state()) && s.currentVersion() != null && !s.hasContent()
                        && !p.versions().isEmpty()) {
                    DmsProfile.DmsVersion latest = p.versions().get(p.versions().size() - 1);
                    content.add(new ContentRequest(connectionId, vendor, p.externalId(), documentId, s.currentVersion(),
                            latest.number(), latest.fileName(), latest.size()));
                }
            }
        }
        dms.upsertDocuments(rows);
        return new Outcome(created, updated, versionsAdded, unresolved, deleted, content);
    }

    /**
     * Re-evaluates candidacy of known documents whose placement changed (the iManage parents crawl): documents
     * moved into the portal folder enter review. Returns the versions whose bytes are now needed.
     */
    public List<ContentRequest> replaced(UUID connectionId, String vendor, DmsSettings settings, Set<String> externalIds) {
        dms.lockConnection(connectionId);
        Map<String, DmsDocument> known = dms.documents(connectionId, externalIds);
        Map<String, Set<String>> folders = dms.placementNames(connectionId, externalIds);
        List<ContentRequest> content = new ArrayList<>();
        List<DmsDocument> rows = new ArrayList<>();
        Set<UUID> moved = new HashSet<>();
        for (DmsDocument d : known.values()) {
            if (d.documentId() == null || d.deletedAt() != null || !"resolved".equals(d.resolution())) {
                continue;
            }
            Set<String> in = folders.getOrDefault(d.externalId(), Set.of());
            boolean candidate = candidate(settings, d.profileClass(), Map.of(), in);
            String folder = folder(in, settings);
            // Candidacy by a profile field is decided when the profile is read; a placement change only promotes it.
            if ((candidate || settings.candidateField() == null) && dms.setCandidate(d.documentId(), candidate)) {
                moved.add(d.documentId());
            }
            if (folder != null && !folder.equals(d.folderName())) {
                rows.add(new DmsDocument(d.connectionId(), d.externalId(), d.documentId(), d.title(), d.fileExtension(),
                        folder, d.clientNumber(), d.matterNumber(), d.profileClass(), d.latestVersion(), d.resolution(),
                        d.resolutionDetail(), d.sourceUpdatedAt(), d.firstSeenAt(), d.lastSeenAt(), d.deletedAt()));
            }
        }
        dms.upsertDocuments(rows);
        Map<UUID, DocumentState> states = dms.documentStates(moved);
        for (DmsDocument d : known.values()) {
            DocumentState s = d.documentId() == null ? null : states.get(d.documentId());
            if (s != null && "pending_review".equals(s.state()) && s.currentVersion() != null && !s.hasContent()
                    && d.latestVersion() != null) {
                content.add(new ContentRequest(connectionId, vendor, d.externalId(), d.documentId(), s.currentVersion(),
                        d.latestVersion(), d.title() + (d.fileExtension() == null ? "" : "." + d.fileExtension()), null));
            }
        }
        return content;
    }

    private static DmsDocument row(UUID connectionId, DmsProfile p, UUID documentId, String folder,
                                   DmsMatterResolver.Resolution r) {
        return new DmsDocument(connectionId, p.externalId(), documentId, p.title(), p.extension(), folder, p.clientNumber(),
                p.matterNumber(), p.profileClass(), p.latestVersion(), r.outcome().id(), r.detail(), p.updatedAt(), null,
                Instant.now(), null);
    }

    static boolean candidate(DmsSettings settings, DmsProfile p, Set<String> folderNames) {
        return candidate(settings, p.profileClass(), p.fields(), folderNames);
    }

    private static boolean candidate(DmsSettings settings, String profileClass, Map<String, String> fields,
                                     Set<String> folderNames) {
        if (settings.portalFolder() != null && folderNames.stream().anyMatch(f -> f.equalsIgnoreCase(settings.portalFolder()))) {
            return true;
        }
        if (settings.candidateField() != null && settings.candidateValue() != null) {
            String value = fields.get(settings.candidateField());
            return value != null && value.strip().toLowerCase(Locale.ROOT)
                    .equals(settings.candidateValue().strip().toLowerCase(Locale.ROOT));
        }
        return false;
    }

    /** The folder name shown to staff: the portal folder when the document is filed there, else the first. */
    private static String folder(Set<String> folderNames, DmsSettings settings) {
        if (folderNames.isEmpty()) {
            return null;
        }
        return folderNames.stream().filter(f -> settings.portalFolder() != null && f.equalsIgnoreCase(settings.portalFolder()))
                .findFirst().orElse(folderNames.iterator().next());
    }

    private static String category(DmsSettings settings, DmsProfile p) {
        return DocumentCategories.categorise(settings, p.profileClass(), p.title()).id();
    }
}
