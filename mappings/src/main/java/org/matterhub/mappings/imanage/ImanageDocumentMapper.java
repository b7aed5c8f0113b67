package org.matterhub.mappings.imanage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.imanage.ImanageDocument;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;

/**
 * iManage Work documents → canonical {@link DmsProfile}s. The sync crawl returns one row per version (IM-DF), and
 * deletions as tombstone rows; rows of one document become one profile, its fields taken from the newest live row.
 * The profile fields that carry the client and matter numbers and the category follow the connection's
 * {@link DmsSettings} (by default {@code custom1}, {@code custom2} and {@code class}). Pure.
 */
public final class ImanageDocumentMapper {

    private ImanageDocumentMapper() {
    }

    /** Crawl rows (one per version) grouped into one profile per document, in the order documents first appear. */
    public static List<DmsProfile> profiles(List<ImanageDocument> rows, DmsSettings settings) {
        String clientField = settings.clientFieldOr("custom1");
        String matterField = settings.matterFieldOr("custom2");
        String categoryField = settings.categoryFieldOr("class");
        Map<String, List<ImanageDocument>> byDoc = new LinkedHashMap<>();
        for (ImanageDocument d : rows) {
            byDoc.computeIfAbsent(key(d), k -> new ArrayList<>()).add(d);
        }
        List<DmsProfile> out = new ArrayList<>(byDoc.size());
        byDoc.forEach((id, versions) -> {
            List<ImanageDocument> live = versions.stream().filter(v -> !v.isDeleted()).toList();
            if (live.isEmpty()) {
                // A tombstone without a version number deletes the document; one of a single version is ignored.
                if (versions.stream().anyMatch(v -> v.version() == null)) {
                    out.add(DmsProfile.tombstone(id, versions.get(versions.size() - 1).editDate()));
                }
                return;
            }
            ImanageDocument top = live.stream().max((a, b) -> Integer.compare(number(a), number(b))).orElseThrow();
            Map<String, String> fields = fields(top);
            out.add(new DmsProfile(id, top.name() == null ? id : top.name(), top.extension(), fields.get(clientField),
                    fields.get(matterField), fields.get(categoryField), fields, number(top), live.stream()
                    .map(v -> new DmsProfile.DmsVersion(number(v), v.fileName(), v.contentType(), v.size(), v.editDate()))
                    .toList(), top.editDate(), false));
        });
        return out;
    }

    /** The document's id without version, {@code LIB!number}: how the hub keys an iManage document. */
    public static String key(ImanageDocument d) {
        if (d.database() != null && d.documentNumber() != null) {
            return d.database() + "!" + d.documentNumber();
        }
        String id = d.id();
        int dot = id.lastIndexOf('.');
        return dot > id.indexOf('!') && dot > 0 ? id.substring(0, dot) : id;
    }

    /** The profile fields a firm's settings may name, by iManage field name. */
    static Map<String, String> fields(ImanageDocument d) {
        Map<String, String> fields = new HashMap<>();
        put(fields, "class", d.documentClass());
        put(fields, "author", d.author());
        put(fields, "comment", d.comment());
        put(fields, "custom1", d.custom1());
        put(fields, "custom2", d.custom2());
        put(fields, "type", d.type());
        return fields;
    }

    private static int number(ImanageDocument d) {
        return d.version() == null ? 1 : d.version();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
