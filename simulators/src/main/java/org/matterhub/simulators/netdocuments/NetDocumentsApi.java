package org.matterhub.simulators.netdocuments;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ByteRanges;
import org.matterhub.simulators.common.ApiGate;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.Multipart;
import org.matterhub.simulators.common.SimExchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The REST surface on the API host ({@code /v1/…}, {@code /v2/…}) with the paths of the NetDocuments
 * connector swagger (ND-PP): bearer auth, per-token rate limit, then cabinets, custom attributes, lookup
 * tables, workspaces, folders, container listing, documents, versions and the repository log.
 */
final class NetDocumentsApi {

    /** The organisation of the simulated repository's users ({@code /v1/User/info}). */
    static final String ORGANIZATION = "Harbour Law LLP";
    static final int DEFAULT_LOOKUP_TOP = 100;

    private final NetDocumentsSimulatorData data;
    private final NetDocumentsOAuth oauth;
    private final ApiGate gate;
    private final MonotonicClock clock;
    private final NetDocumentsSimulatorOptions options;

    NetDocumentsApi(NetDocumentsSimulatorData data, NetDocumentsOAuth oauth, RateGate rate, MonotonicClock clock,
                    NetDocumentsSimulatorOptions options) {
        this.data = data;
        this.oauth = oauth;
        this.gate = new ApiGate(rate, NetDocumentsApiException::errorBody, "Unauthorized",
                "Bearer error=\"invalid_token\"", "BadRequest");
        this.clock = clock;
        this.options = options;
    }

    static boolean isApiPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.startsWith("/v1/") || p.startsWith("/v2/");
    }

    void handle(SimExchange ex) throws JsonProcessingException {
        String[] problem = new String[1];
        String token = oauth.authenticate(ex, problem);
        gate.serve(ex, token, problem[0], () -> route(ex, "api.user"));
    }

    private void route(SimExchange ex, String user) throws JsonProcessingException {
        String[] raw = ex.path().substring(1).split("/");
        String[] s = new String[raw.length];
        String[] lc = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            s[i] = URLDecoder.decode(raw[i], StandardCharsets.UTF_8);
            lc[i] = s[i].toLowerCase(Locale.ROOT);
        }
        String m = ex.method();
        String v = lc[0];
        String res = lc.length > 1 ? lc[1] : "";
        int n = s.length;
        if (v.equals("v1") && res.equals("user") && n == 3 && lc[2].equals("info")) {
            // GetCurrentUserInfo: who the access token belongs to (ND-PP /v1/User/info)
            requireMethod(ex, "GET");
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("displayName", "API User");
            info.put("email", user + "@harbourlaw.example");
            info.put("id", "DUCOT-" + user.toUpperCase(Locale.ROOT).replace('.', '_'));
            info.put("organization", ORGANIZATION);
            info.put("isRepositoryMember", true);
            info.put("primaryCabinet", cabinet().get("id"));
            info.put("sortLookupBy", "key");
            info.put("external", false);
            ex.sendJson(200, info);
        } else if (v.equals("v1") && res.equals("user") && n == 3 && lc[2].equals("cabinets")) {
            requireMethod(ex, "GET");
            ex.sendJson(200, List.of(cabinet()));
        } else if (v.equals("v1") && res.equals("cabinet") && n == 4) {
            requireCabinet(s[2]);
            requireMethod(ex, "GET");
            switch (lc[3]) {
                case "info" -> ex.sendJson(200, cabinet());
                case "customattributes" -> ex.sendJson(200, customAttributes());
                default -> throw notFound(ex);
            }
        } else if (v.equals("v1") && res.equals("attributes") && n >= 4 && n <= 6) {
            attributes(ex, s);
        } else if (v.equals("v1") && res.equals("workspace") && n == 6 && lc[5].equals("info")) {
            requireMethod(ex, "GET");
            requireCabinet(s[2]);
            ex.sendJson(200, data.workspaceInfoApi(s[3], s[4], user));
        } else if (v.equals("v1") && res.equals("workspace") && n == 4 && lc[3].equals("info")) {
            requireMethod(ex, "GET");
            ex.sendJson(200, data.containerInfoApi(s[2], true));
        } else if (v.equals("v2") && res.equals("search") && n == 2) {
            requireMethod(ex, "GET");
            ex.sendJson(200, NetDocumentsSearch.search(ex, data));
        } else if (v.equals("v2") && res.equals("container") && n == 3) {
            requireMethod(ex, "GET");
            containerListing(ex, s[2]);
        } else if (v.equals("v1") && res.equals("folder")) {
            folder(ex, s, lc, user);
        } else if (v.equals("v1") && res.equals("document")) {
            document(ex, s, lc, user);
        } else if (v.equals("v1") && res.equals("repository") && n == 4 && lc[3].equals("log")) {
            requireMethod(ex, "GET");
            if (!s[2].equals(options.repositoryId())) {
                throw NetDocumentsApiException.notFound("repository " + s[2]);
            }
            repositoryLog(ex);
        } else {
            throw notFound(ex);
        }
    }

    private Map<String, Object> cabinet() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", options.cabinetId());
        c.put("name", options.cabinetName());
        c.put("repositoryId", options.repositoryId());
        c.put("repositoryName", options.cabinetName() + " Repository");
        c.put("wsAttrNum", options.matterAttributeId());
        c.put("wsOrgAttrNum", options.clientAttributeId());
        c.put("isCollaborationSpacesEnabled", "false");
        return c;
    }

    private List<Map<String, Object>> customAttributes() {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", options.clientAttributeId());
        client.put("name", "Client");
        client.put("type", "lookup");
        client.put("parentId", 0);
        client.put("required", true);
        client.put("isWorkspaceOrganizer", true);
        Map<String, Object> matter = new LinkedHashMap<>();
        matter.put("id", options.matterAttributeId());
        matter.put("name", "Matter");
        matter.put("type", "lookup");
        matter.put("parentId", options.clientAttributeId());
        matter.put("required", true);
        matter.put("isWorkspaceAttribute", true);
        return List.of(client, matter);
    }

    /** {@code /v1/attributes/{repo}/{attr}[/{key}|/{parent}/{child}]}. */
    private void attributes(SimExchange ex, String[] s) throws JsonProcessingException {
        if (!s[2].equals(options.repositoryId())) {
            throw NetDocumentsApiException.notFound("repository " + s[2]);
        }
        int attr;
        try {
            attr = Integer.parseInt(s[3]);
        } catch (NumberFormatException e) {
            throw NetDocumentsApiException.notFound("custom attribute " + s[3]);
        }
        boolean isClient = attr == options.clientAttributeId();
        if (!isClient && attr != options.matterAttributeId()) {
            throw NetDocumentsApiException.notFound("custom attribute " + attr);
        }
        String m = ex.method();
        if (s.length == 4) {
            requireMethod(ex, "GET");
            ex.sendJson(200, Map.of("rows", lookupPage(ex, data.lookupRows(attr, null))));
            return;
        }
        String parent = s.length == 6 ? s[4] : null;
        String key = s.length == 6 ? s[5] : s[4];
        if (s.length == 5 && !isClient && "GET".equals(m)) {
            // child attribute + parent key: search the parent's child entries
            ex.sendJson(200, Map.of("rows", lookupPage(ex, data.lookupRows(attr, key))));
            return;
        }
        switch (m) {
            case "GET" -> ex.sendJson(200, data.lookupEntry(attr, parent, key));
            case "PUT" -> {
                data.putLookupEntry(attr, parent, key, ex.body().isBlank() ? Map.of() : Json.parseObject(ex.body()));
                ex.sendJson(200, Map.of("count", 1));
            }
            case "DELETE" -> {
                data.deleteLookupEntry(attr, parent, key);
                ex.sendJson(200, Map.of("count", 1));
            }
            default -> throw methodNotAllowed(ex);
        }
    }

    private static List<Map<String, Object>> lookupPage(SimExchange ex, List<Map<String, Object>> rows) {
        int skip = NetDocumentsPaging.intParam(ex, "$skip", 0, Integer.MAX_VALUE);
        int top = NetDocumentsPaging.intParam(ex, "$top", DEFAULT_LOOKUP_TOP, Integer.MAX_VALUE);
        if (skip >= rows.size()) {
            return List.of();
        }
        return rows.subList(skip, (int) Math.min(rows.size(), (long) skip + top));
    }

    private void folder(SimExchange ex, String[] s, String[] lc, String user) throws JsonProcessingException {
        if (s.length == 2) {
            requireMethod(ex, "POST");
            Map<String, List<String>> form = form(ex);
            String parent = first(form, "parent");
            if (parent == null) {
                throw NetDocumentsApiException.badRequest("parent (a workspace or folder id) is required; "
                        + "folders directly in a cabinet are not simulated");
            }
            ex.sendJson(200, data.createFolderApi(parent, first(form, "name"), user));
        } else if (s.length == 3) {
            requireMethod(ex, "GET");
            data.containerInfoApi(s[2], false);
            ex.sendJson(200, data.containerItems(s[2]));
        } else if (s.length == 4 && lc[3].equals("info")) {
            requireMethod(ex, "GET");
            ex.sendJson(200, data.containerInfoApi(s[2], false));
        } else {
            throw notFound(ex);
        }
    }

    private void document(SimExchange ex, String[] s, String[] lc, String user) throws JsonProcessingException {
        String m = ex.method();
        if (s.length == 3 && lc[2].equals("upload")) {
            requireMethod(ex, "POST");
            upload(ex, user);
            return;
        }
        if (s.length < 3) {
            throw notFound(ex);
        }
        String id = s[2];
        if (s.length == 3) {
            switch (m) {
                case "GET" -> download(ex, id, 0);
                case "DELETE" -> {
                    data.deleteDocumentApi(id, user);
                    ex.sendEmpty(204);
                }
                default -> throw methodNotAllowed(ex);
            }
            return;
        }
        if (s.length != 4) {
            throw notFound(ex);
        }
        switch (lc[3]) {
            case "info" -> {
                if ("PUT".equals(m)) {
                    ex.sendJson(200, data.updateDocumentInfoApi(id, Json.parseObject(ex.body()), user));
                } else {
                    requireMethod(ex, "GET");
                    ex.sendJson(200, data.documentInfoApi(id));
                }
            }
            case "new" -> {
                requireMethod(ex, "PUT");
                String official = ex.param("official");
                ex.sendJson(200, data.newVersionApi(id, ex.bodyBytes(), ex.param("extension"),
                        ex.param("version_description"), ex.param("verName"),
                        official == null || Boolean.parseBoolean(official), user));
            }
            case "versionlist" -> {
                requireMethod(ex, "GET");
                ex.sendJson(200, data.versionListApi(id));
            }
            default -> {
                int version;
                try {
                    version = Integer.parseInt(s[3]);
                } catch (NumberFormatException e) {
                    throw notFound(ex);
                }
                requireMethod(ex, "GET");
                if (version < 1) {
                    throw NetDocumentsApiException.notFound("version " + version);
                }
                download(ex, id, version);
            }
        }
    }

    private void download(SimExchange ex, String id, int version) {
        NetDocumentsSimulatorData.Download d = data.downloadApi(id, version);
        ex.responseHeader("Content-Disposition", "attachment; filename=\"" + d.fileName().replace("\"", "") + "\"");
        if (Boolean.parseBoolean(ex.param("base64"))) {
            ex.sendText(200, Base64.getEncoder().encodeToString(d.content()));
            return;
        }
        ByteRanges.serve(ex, d.content(), d.contentType());
    }

    private void upload(SimExchange ex, String user) throws JsonProcessingException {
        String contentType = ex.header("Content-Type");
        if (Multipart.boundary(contentType).isEmpty()) {
            throw new NetDocumentsApiException(415, "UnsupportedMediaType", "upload is multipart/form-data");
        }
        String destination = null;
        Multipart.Part file = null;
        Object profile = null;
        for (Multipart.Part p : Multipart.parse(contentType, ex.bodyBytes())) {
            switch (p.name()) {
                case "destination" -> destination = p.text().trim();
                case "file" -> file = p;
                case "profile" -> profile = p.text().isBlank() ? null : Json.parse(p.text());
                default -> {
                    // addToRecent, partialProfiling: accepted, no effect
                }
            }
        }
        if (destination == null || destination.isEmpty()) {
            throw NetDocumentsApiException.badRequest("destination is required");
        }
        if (file == null) {
            throw NetDocumentsApiException.badRequest("file is required");
        }
        ex.sendJson(200, data.uploadApi(destination, file.filename(), file.data(), profile, user));
    }

    /** {@code GET /v2/container/{id}?select&top&skiptoken&orderby}: keyset pages of the container's items. */
    private void containerListing(SimExchange ex, String id) {
        ex.sendJson(200, NetDocumentsPaging.page(ex, data.containerItems(id), 0));
    }

    /** {@code GET /v1/Repository/{repo}/log?start&end&format=json}: activity in [start, end). */
    private void repositoryLog(SimExchange ex) {
        String format = ex.param("format");
        if (format != null && !format.equalsIgnoreCase("json")) {
            throw NetDocumentsApiException.badRequest("only format=json is simulated");
        }
        Instant now = clock.now();
        Instant start = ex.param("start") == null ? now.minus(Duration.ofDays(30)) : time(ex.param("start"), false);
        Instant end = ex.param("end") == null ? Instant.MAX : time(ex.param("end"), true);
        ex.sendJson(200, data.logApi(start, end));
    }

    /** {@code yyyy-MM-dd} (an end date covers the whole day) or an ISO-8601 instant. */
    private static Instant time(String value, boolean isEnd) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (isEnd ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw NetDocumentsApiException.badRequest("dates are yyyy-MM-dd or yyyy-MM-ddThh:mm:ssZ: " + value);
        }
    }

    private void requireCabinet(String id) {
        if (!id.equals(options.cabinetId())) {
            throw NetDocumentsApiException.notFound("cabinet " + id);
        }
    }

    /** Form fields from an urlencoded or a multipart body (the spec declares formData without a media type). */
    private static Map<String, List<String>> form(SimExchange ex) {
        String contentType = ex.header("Content-Type");
        if (Multipart.boundary(contentType).isEmpty()) {
            return SimExchange.parseForm(ex.body());
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Multipart.Part p : Multipart.parse(contentType, ex.bodyBytes())) {
            out.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.text());
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void requireMethod(SimExchange ex, String method) {
        if (!method.equals(ex.method())) {
            throw methodNotAllowed(ex);
        }
    }

    private static NetDocumentsApiException methodNotAllowed(SimExchange ex) {
        return new NetDocumentsApiException(405, "MethodNotAllowed", ex.method() + " is not supported on " + ex.path());
    }

    private static NetDocumentsApiException notFound(SimExchange ex) {
        return NetDocumentsApiException.notFound("resource " + ex.path());
    }
}
