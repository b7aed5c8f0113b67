package org.matterhub.simulators.imanage;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ByteRanges;
import org.matterhub.simulators.common.ApiGate;
import org.matterhub.simulators.common.RateGate;
import org.matterhub.simulators.common.Json;
import org.matterhub.simulators.common.Multipart;
import org.matterhub.simulators.common.SimExchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery ({@code GET /api}) and the Work API v2 tree under
 * {@code /work/api/v2/customers/{cid}/libraries/{lib}} (also reachable under the older
 * {@code /api/v2/customers/…} prefix, VENDORS.md §2.1): token check, per-token rate limit, then
 * customs, workspaces, folders, documents, versions, uploads, downloads and the sync crawl API.
 */
final class ImanageApi {

    static final String DISCOVERY_PATH = "/api";
    static final int MAX_CRAWL_LIMIT = 1000;
    static final int DEFAULT_CRAWL_LIMIT = 1000;
    private static final Comparator<ImanageSimulatorData.CrawlRow> CHANGE_ORDER =
            Comparator.comparing(ImanageSimulatorData.CrawlRow::at).thenComparing(ImanageSimulatorData.CrawlRow::id);

    private final ImanageSimulatorData data;
    private final ImanageOAuth oauth;
    private final ApiGate gate;
    private final ImanageSimulatorOptions options;
    private final String libraryPrefix;
    private final String legacyPrefix;

    ImanageApi(ImanageSimulatorData data, ImanageOAuth oauth, RateGate rate, ImanageSimulatorOptions options) {
        this.data = data;
        this.oauth = oauth;
        this.gate = new ApiGate(rate, ImanageApiException::errorBody, "UNAUTHORIZED", null, "INVALID_REQUEST");
        this.options = options;
        this.libraryPrefix = "/work/api/v2/customers/" + options.customerId() + "/libraries/" + options.library();
        this.legacyPrefix = "/api/v2/customers/" + options.customerId() + "/libraries/" + options.library();
    }

    /** Whether {@code path} belongs to the API (as opposed to OAuth or control). */
    static boolean isApiPath(String path) {
        return path.equals(DISCOVERY_PATH) || path.startsWith("/work/api/") || path.startsWith("/api/");
    }

    void handle(SimExchange ex) throws JsonProcessingException {
        String[] problem = new String[1];
        String user = oauth.authenticate(ex, problem);
        gate.serve(ex, user == null ? null : ImanageOAuth.tokenOf(ex), problem[0], () -> route(ex, user));
    }

    private void route(SimExchange ex, String user) throws JsonProcessingException {
        String path = ex.path();
        String m = ex.method();
        if (path.equals(DISCOVERY_PATH)) {
            requireMethod(ex, "GET");
            ex.sendJson(200, discovery(user));
            return;
        }
        String rest;
        if (path.startsWith(libraryPrefix + "/")) {
            rest = path.substring(libraryPrefix.length() + 1);
        } else if (path.startsWith(legacyPrefix + "/")) {
            rest = path.substring(legacyPrefix.length() + 1);
        } else {
            throw ImanageApiException.notFound("customer/library or resource for " + path);
        }
        String[] s = rest.split("/");
        for (int i = 0; i < s.length; i++) {
            s[i] = URLDecoder.decode(s[i], StandardCharsets.UTF_8);
        }
        String key = s[0] + (s.length > 1 ? "/" + (isIdSegment(s[0]) && !s[1].equals("search") ? "{id}" : s[1]) : "")
                + (s.length > 2 ? "/" + String.join("/", java.util.Arrays.copyOfRange(s, 2, s.length)) : "");
        String id = s.length > 1 ? s[1] : null;
        switch (key) {
            case "customs/custom1" -> {
                requireMethod(ex, "GET");
                ex.sendJson(200, envelope(page(ex, data.clients())));
            }
            case "customs/custom2" -> {
                requireMethod(ex, "GET");
                ex.sendJson(200, envelope(page(ex, data.matters(ex.param("parent_alias")))));
            }
            case "workspaces/search" -> {
                if ("POST".equals(m)) {
                    Map<String, Object> body = ex.body().isBlank() ? Map.of() : Json.parseObject(ex.body());
                    Object filters = body.get("filters");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> f = filters instanceof Map ? (Map<String, Object>) filters : body;
                    ex.sendJson(200, envelope(page(ex, data.searchWorkspaces(str(f.get("custom1")),
                            str(f.get("custom2")), str(f.get("name"))))));
                } else {
                    requireMethod(ex, "GET");
                    ex.sendJson(200, envelope(page(ex, data.searchWorkspaces(ex.param("custom1"),
                            ex.param("custom2"), ex.param("name")))));
                }
            }
            case "workspaces/{id}" -> {
                requireMethod(ex, "GET");
                ex.sendJson(200, envelope(data.workspace(id)));
            }
            case "workspaces/{id}/children" -> {
                requireMethod(ex, "GET");
                ex.sendJson(200, envelope(page(ex, data.children(id, true))));
            }
            case "workspaces/{id}/folders" -> {
                requireMethod(ex, "POST");
                Map<String, Object> body = Json.parseObject(ex.body());
                ex.sendJson(201, envelope(data.createFolderApi(id, str(body.get("name")),
                        str(body.get("description")), user)));
            }
            case "folders/{id}" -> {
                requireMethod(ex, "GET");
                ex.sendJson(200, envelope(data.folder(id)));
            }
            case "folders/{id}/children" -> {
                requireMethod(ex, "GET");
                data.folder(id);
                ex.sendJson(200, envelope(page(ex, data.children(id, false))));
            }
            case "folders/{id}/documents" -> {
                if ("POST".equals(m)) {
                    data.folder(id);
                    Upload u = upload(ex);
                    ex.sendJson(201, envelope(data.uploadApi(id, u.profile, u.filename, u.content, user)));
                } else {
                    requireMethod(ex, "GET");
                    data.folder(id);
                    ex.sendJson(200, envelope(page(ex, data.folderDocuments(id))));
                }
            }
            case "documents/{id}" -> {
                if ("PATCH".equals(m)) {
                    ex.sendJson(200, envelope(data.patchProfileApi(id, Json.parseObject(ex.body()))));
                } else {
                    requireMethod(ex, "GET");
                    ex.sendJson(200, envelope(data.profileApi(id)));
                }
            }
            case "documents/{id}/download" -> {
                requireMethod(ex, "GET");
                ImanageSimulatorData.Download d = data.downloadApi(id);
                ex.responseHeader("Content-Disposition", "attachment; filename=\"" + d.fileName().replace("\"", "")
                        + "\"");
                ByteRanges.serve(ex, d.content(), d.contentType());
            }
            case "documents/{id}/versions" -> {
                if ("POST".equals(m)) {
                    data.profileApi(id);
                    Upload u = upload(ex);
                    ex.sendJson(201, envelope(data.uploadVersionApi(id, u.profile, u.content, user)));
                } else {
                    requireMethod(ex, "GET");
                    ex.sendJson(200, envelope(data.versionsApi(id)));
                }
            }
            case "sync/documents/crawl" -> crawl(ex, data.crawlDocuments(options.crawlTombstones()));
            case "sync/folders/crawl" -> crawl(ex, data.crawlContainers(false));
            case "sync/workspaces/crawl" -> crawl(ex, data.crawlContainers(true));
            case "sync/documents/parents/search" -> crawl(ex, data.crawlDocumentParents());
            default -> {
                if (s.length == 3 && s[0].equals("customs") && s[1].equals("custom1")) {
                    requireMethod(ex, "GET");
                    ex.sendJson(200, envelope(data.client(s[2])));
                } else if (s.length == 3 && s[0].equals("customs") && s[1].equals("custom2")) {
                    requireMethod(ex, "GET");
                    ex.sendJson(200, envelope(data.matter(ex.param("parent_alias"), s[2])));
                } else {
                    throw ImanageApiException.notFound("resource " + rest);
                }
            }
        }
    }

    private static boolean isIdSegment(String first) {
        return first.equals("workspaces") || first.equals("folders") || first.equals("documents");
    }

    private Map<String, Object> discovery(String user) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", user);
        u.put("name", user);
        u.put("customer_id", options.customerId());
        u.put("preferred_library", options.library());
        Map<String, Object> lib = new LinkedHashMap<>();
        lib.put("alias", options.library());
        lib.put("type", "worksite");
        lib.put("is_hipaa", false);
        Map<String, Object> work = new LinkedHashMap<>();
        work.put("preferred_library", options.library());
        work.put("libraries", List.of(lib));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("user", u);
        d.put("work", work);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", d);
        out.put("versions", List.of(Map.of("name", "work", "version", "10.3.0", "url", "/work/api/v2")));
        return out;
    }

    /** Sync crawl: POST body {@code {"limit":N[,"cursor":"…"]}}, rows after the cursor in change order. */
    private void crawl(SimExchange ex, List<ImanageSimulatorData.CrawlRow> rows) throws JsonProcessingException {
        requireMethod(ex, "POST");
        Map<String, Object> body = ex.body().isBlank() ? Map.of() : Json.parseObject(ex.body());
        int limit = DEFAULT_CRAWL_LIMIT;
        if (body.get("limit") != null) {
            if (!(body.get("limit") instanceof Number n) || n.intValue() < 1 || n.intValue() > MAX_CRAWL_LIMIT) {
                throw ImanageApiException.badRequest("limit must be a number from 1 to " + MAX_CRAWL_LIMIT);
            }
            limit = ((Number) body.get("limit")).intValue();
        }
        Position after = body.get("cursor") == null ? null : Position.decode(str(body.get("cursor")));
        List<ImanageSimulatorData.CrawlRow> sorted = new ArrayList<>(rows);
        sorted.sort(CHANGE_ORDER);
        List<Object> page = new ArrayList<>();
        Position last = after == null ? new Position(0, "") : after;
        for (ImanageSimulatorData.CrawlRow r : sorted) {
            if (after != null && !after.isBefore(r)) {
                continue;
            }
            if (page.size() == limit) {
                break;
            }
            page.add(data.render(r));
            last = new Position(r.at().toEpochMilli(), r.id());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", page);
        out.put("cursor", last.encode());
        ex.sendJson(200, out);
    }

    /** A crawl position: the (edit_date, id) of the last row returned. Opaque to clients. */
    private record Position(long millis, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("v1:" + millis + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] p = s.split(":", 3);
                if (p.length != 3 || !p[0].equals("v1")) {
                    throw new IllegalArgumentException();
                }
                return new Position(Long.parseLong(p[1]), p[2]);
            } catch (IllegalArgumentException e) {
                throw ImanageApiException.badRequest("cursor is not one this server issued");
            }
        }

        boolean isBefore(ImanageSimulatorData.CrawlRow r) {
            long at = r.at().toEpochMilli();
            return millis < at || (millis == at && id.compareTo(r.id()) < 0);
        }
    }

    private record Upload(Map<String, Object> profile, String filename, byte[] content) {
    }

    /** Multipart upload: a {@code profile} part (JSON) and a {@code file} part (the bytes). */
    private static Upload upload(SimExchange ex) throws JsonProcessingException {
        String contentType = ex.header("Content-Type");
        if (Multipart.boundary(contentType).isEmpty()) {
            throw new ImanageApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "uploads are multipart/form-data with a 'profile' (JSON) part and a 'file' part");
        }
        List<Multipart.Part> parts = Multipart.parse(contentType, ex.bodyBytes());
        Map<String, Object> profile = new LinkedHashMap<>();
        Multipart.Part file = null;
        for (Multipart.Part p : parts) {
            if (p.name().equals("profile")) {
                profile = Json.parseObject(p.text());
            } else if (p.name().equals("file")) {
                file = p;
            }
        }
        if (file == null) {
            throw ImanageApiException.badRequest("multipart part 'file' is required");
        }
        return new Upload(profile, file.filename(), file.data());
    }

    /** {@code limit}/{@code offset} paging of list endpoints (no limit = everything). */
    private static List<Map<String, Object>> page(SimExchange ex, List<Map<String, Object>> all) {
        int offset = intParam(ex, "offset", 0);
        int limit = intParam(ex, "limit", Integer.MAX_VALUE);
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, (int) Math.min(all.size(), (long) offset + limit));
    }

    private static int intParam(SimExchange ex, String name, int dflt) {
        String v = ex.param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ImanageApiException.badRequest(name + " must be a non-negative integer");
        }
    }

    private static Map<String, Object> envelope(Object data) {
        return Map.of("data", data);
    }

    private static void requireMethod(SimExchange ex, String method) {
        if (!method.equals(ex.method())) {
            throw ImanageApiException.methodNotAllowed(ex.method(), ex.path());
        }
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
