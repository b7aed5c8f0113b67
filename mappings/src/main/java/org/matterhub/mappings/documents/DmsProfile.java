package org.matterhub.mappings.documents;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The canonical document: a profile as a DMS reported it, in the hub's vendor-neutral terms (what the iManage crawl
 * or the NetDocuments listing said about one document), produced by {@code mappings.imanage} and
 * {@code mappings.netdocuments}.
 *
 * @param externalId    the document's id without version (iManage {@code LIB!number}, NetDocuments {@code nnnn-nnnn-nnnn})
 * @param fields        profile fields by name (iManage field names, NetDocuments attribute ids as text), for candidacy
 * @param versions      the versions reported in this observation (may be only the latest); older unreported
 *                      versions are not invented
 * @param latestVersion the newest version number the DMS reports
 * @param deleted       a tombstone: the DMS deleted the document
 */
public record DmsProfile(String externalId, String title, String extension, String clientNumber, String matterNumber,
                         String profileClass, Map<String, String> fields, Integer latestVersion, List<DmsVersion> versions,
                         Instant updatedAt, boolean deleted) {

    public DmsProfile {
        fields = fields == null ? Map.of() : fields;
        versions = versions == null ? List.of() : versions.stream().sorted(Comparator.comparingInt(DmsVersion::number)).toList();
    }

    public static DmsProfile tombstone(String externalId, Instant at) {
        return new DmsProfile(externalId, externalId, null, null, null, null, Map.of(), null, List.of(), at, true);
    }

    /** One version of a document. */
    public record DmsVersion(int number, String fileName, String contentType, Long size, Instant createdAt) {
    }
}
