package org.matterhub.mappings.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A firm's settings for one document-management connection, kept as JSON in {@code connection.settings}. Every
 * field has a default that fits the common filing convention (client number in iManage {@code custom1} or the
 * NetDocuments client attribute, matter number in {@code custom2} or the matter attribute; a "Client Portal"
 * folder per matter workspace), so an empty object is a working configuration.
 *
 * @param library             iManage library alias (iManage only)
 * @param customerId          iManage customer id; blank = read from discovery (iManage only)
 * @param repositoryId        NetDocuments repository, {@code CA-…} (NetDocuments only)
 * @param cabinetId           NetDocuments cabinet, {@code NG-…} (NetDocuments only)
 * @param apiBaseUrl          NetDocuments API host when it differs from the connection's base URL (the OAuth page's
 *                            host), e.g. {@code https://api.vault.netvoyage.com} (NetDocuments only)
 * @param clientField         profile field with the client number: iManage field name, NetDocuments attribute id
 * @param matterField         profile field with the matter number
 * @param matterSource        which portal matter value the DMS matter number matches: {@code number} (the practice
 *                            system's matter number) or {@code display_number_prefix} (the display number up to its
 *                            first {@code -})
 * @param matterNumberWidth   the DMS pads matter numbers with zeros to this width; numbers are compared without the
 *                            padding, and the width is used to file a client upload under the DMS's number
 * @param clients             optional map of DMS client number → client organisation name; when present, a document
 *                            whose client number names another organisation than its matter's is not resolved
 * @param portalFolder        name of the folder whose documents are portal candidates ({@code null}: none)
 * @param candidateField      a profile field that also makes a document a candidate when it equals
 *                            {@code candidateValue} (case-insensitive); {@code null}: not used
 * @param candidateValue      see {@code candidateField}
 * @param uploadFolder        name of the matter workspace's folder client uploads are filed into
 * @param categoryField       profile field categories are mapped from (iManage {@code class}; a NetDocuments attribute id)
 * @param categories          DMS value (case-insensitive) → portal category id ({@link DocumentCategory})
 * @param requestsPerMinute   the connection's request budget; 0 = the vendor default
 * @param decisionField       the profile field a client's decision on a document (approve, request changes, close) is
 *                            written back to: an iManage profile field ({@code null}: {@code comment}), a NetDocuments
 *                            custom attribute number ({@code null}: the decision is not written to NetDocuments, which
 *                            has no standard field for it; the practice-management note still records it)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DmsSettings(String library, String customerId, String repositoryId, String cabinetId,
                          String apiBaseUrl, String clientField, String matterField, String matterSource, Integer matterNumberWidth,
                          Map<String, String> clients, String portalFolder, String candidateField, String candidateValue,
                          String uploadFolder, String categoryField, Map<String, String> categories,
                          Integer requestsPerMinute, String decisionField) {

    public static final String MATTER_NUMBER = "number";
    public static final String DISPLAY_NUMBER_PREFIX = "display_number_prefix";
    private static final Pattern FIELD = Pattern.compile("^[A-Za-z0-9_]{1,64}$");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public DmsSettings {
        clients = clients == null ? Map.of() : Map.copyOf(upper(clients));
        categories = categories == null ? Map.of() : Map.copyOf(upper(categories));
        matterSource = matterSource == null ? MATTER_NUMBER : matterSource;
        if (!MATTER_NUMBER.equals(matterSource) && !DISPLAY_NUMBER_PREFIX.equals(matterSource)) {
            throw new IllegalArgumentException("matterSource must be " + MATTER_NUMBER + " or " + DISPLAY_NUMBER_PREFIX);
        }
        matterNumberWidth = matterNumberWidth == null ? 5 : matterNumberWidth;
        if (matterNumberWidth < 0 || matterNumberWidth > 32) {
            throw new IllegalArgumentException("matterNumberWidth must be 0–32");
        }
        portalFolder = blankToNull(portalFolder, "Client Portal");
        uploadFolder = blankToNull(uploadFolder, "Client uploads");
        requestsPerMinute = requestsPerMinute == null ? 0 : requestsPerMinute;
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must not be negative");
        }
        for (String f : new String[] {clientField, matterField, candidateField, categoryField, decisionField}) {
            if (f != null && !FIELD.matcher(f).matches()) {
                throw new IllegalArgumentException("A profile field name is letters, digits and _: " + f);
            }
        }
        for (String c : categories.values()) {
            if (DocumentCategory.parse(c).isEmpty()) {
                throw new IllegalArgumentException("Unknown document category " + c);
            }
        }
    }

    /** Reads settings JSON; blank or {@code {}} gives the defaults. */
    public static DmsSettings parse(String json) {
        if (json == null || json.isBlank()) {
            json = "{}";
        }
        try {
            return JSON.readValue(json, DmsSettings.class);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw org.matterhub.mappings.settings.SettingsJson.refused("document-system settings", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client field, or the vendor's conventional one. */
    public String clientFieldOr(String vendorDefault) {
        return clientField == null ? vendorDefault : clientField;
    }

    public String matterFieldOr(String vendorDefault) {
        return matterField == null ? vendorDefault : matterField;
    }

    public String decisionFieldOr(String vendorDefault) {
        return decisionField == null ? vendorDefault : decisionField;
    }

    public String categoryFieldOr(String vendorDefault) {
        return categoryField == null ? vendorDefault : categoryField;
    }

    public int requestsPerMinuteOr(int vendorDefault) {
        return requestsPerMinute == 0 ? vendorDefault : requestsPerMinute;
    }

    private static String blankToNull(String value, String dflt) {
        if (value == null) {
            return dflt;
        }
        return value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> upper(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.strip().toUpperCase(Locale.ROOT), v));
        return out;
    }
}
