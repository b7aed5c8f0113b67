package org.matterhub.mappings.netdocuments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.matterhub.connectors.netdocuments.NetDocumentsItem;
import org.matterhub.connectors.netdocuments.NetDocumentsVersion;
import org.matterhub.mappings.documents.DmsProfile;
import org.matterhub.mappings.documents.DmsSettings;

/**
 * NetDocuments document profiles → canonical {@link DmsProfile}s. Custom attributes are keyed by their number as
 * text; the attributes that carry the client and matter numbers and the category follow the connection's
 * {@link DmsSettings} (by default attributes 1 and 2, no category). Pure.
 */
public final class NetDocumentsDocumentMapper {

    private NetDocumentsDocumentMapper() {
    }

    /**
     * A profile and, when it was read, the document's version history ({@code versionList}); without one, the profile
     * records the official version only.
     */
    public static DmsProfile profile(NetDocumentsItem item, DmsSettings settings, List<NetDocumentsVersion> history) {
        NetDocumentsItem.Standard s = item.standardAttributes();
        Map<String, String> fields = new HashMap<>();
        for (NetDocumentsItem.Attribute a : item.customAttributes()) {
            if (a.value() != null) {
                fields.put(Integer.toString(a.id()), a.value());
            }
        }
        String title = s.name() == null ? item.id() : s.name();
        String fileName = s.extension() == null ? title : title + "." + s.extension();
        int official = s.officialVer() != null ? s.officialVer() : s.latestVersionNumber() != null ? s.latestVersionNumber()
                : s.version() != null ? s.version() : 1;
        List<DmsProfile.DmsVersion> versions = history.isEmpty()
                ? List.of(new DmsProfile.DmsVersion(official, fileName, null, s.size(), s.modified()))
                : history.stream().map(v -> new DmsProfile.DmsVersion(v.number(), v.extension() == null ? fileName
                        : title + "." + v.extension(), null, v.size(), v.created())).toList();
        String categoryField = settings.categoryFieldOr(null);
        return new DmsProfile(item.id(), title, s.extension(), fields.get(settings.clientFieldOr("1")),
                fields.get(settings.matterFieldOr("2")), categoryField == null ? null : fields.get(categoryField), fields,
                s.latestVersionNumber() != null ? s.latestVersionNumber() : official, versions, s.modified(), false);
    }
}
