package org.matterhub.simulators.imanage;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.FaultRule;
import org.matterhub.simulators.common.SimExchange;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.intValue;
import static org.matterhub.simulators.common.ControlSupport.optStr;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * {@code /_control/*}: the Java control API over HTTP, for demos and manual use. Loopback callers only.
 * Not part of iManage. Ids in paths may be percent-encoded ({@code ACTIVE_US%2110001.1}).
 */
final class ImanageControl {

    static final String PREFIX = "/_control";

    private final ImanageSimulator sim;

    ImanageControl(ImanageSimulator sim) {
        this.sim = sim;
    }

    void handle(SimExchange ex) {
        if (!ex.fromLoopback()) {
            ex.sendJson(403, Map.of("error", "control API is loopback-only"));
            return;
        }
        String[] s = ControlSupport.segments(ex.path(), PREFIX);
        String m = ex.method();
        ImanageSimulatorData data = sim.data();
        try {
            String route = m + " /" + String.join("/", s);
            if (s.length == 2 && s[0].equals("documents")) {
                String id = s[1];
                switch (m) {
                    case "GET" -> ex.sendJson(200, data.documentProfile(id));
                    case "PATCH" -> {
                        for (Map.Entry<String, Object> e : body(ex).entrySet()) {
                            data.updateProfile(id, e.getKey(), e.getValue() == null ? null : e.getValue().toString());
                        }
                        ex.sendJson(200, data.documentProfile(id));
                    }
                    case "DELETE" -> {
                        data.deleteDocument(id);
                        ex.sendEmpty(204);
                    }
                    default -> unknown(ex);
                }
                return;
            }
            if (s.length == 3 && s[0].equals("documents") && s[2].equals("versions") && "POST".equals(m)) {
                String id = data.addVersion(s[1], ControlSupport.content(body(ex)));
                ex.sendJson(201, Map.of("id", id));
                return;
            }
            if (s.length == 3 && s[0].equals("folders") && s[2].equals("documents") && "GET".equals(m)) {
                ex.sendJson(200, data.documentIds(s[1]));
                return;
            }
            switch (route) {
                case "GET /health" -> ex.sendJson(200, Map.of("status", "ok", "baseUrl", sim.baseUrl(),
                        "libraryUrl", sim.libraryUrl()));
                case "POST /seed" -> ex.sendJson(200, sim.seedDemoFirm());
                case "GET /requests" -> ex.sendJson(200, sim.requests());
                case "DELETE /requests" -> {
                    sim.clearRequests();
                    ex.sendEmpty(204);
                }
                case "GET /faults" -> ex.sendJson(200, sim.faults().describe());
                case "POST /faults" -> {
                    FaultRule rule = ControlSupport.faultRule(body(ex));
                    sim.faults().add(rule);
                    ex.sendJson(201, rule);
                }
                case "DELETE /faults" -> {
                    sim.faults().clear();
                    ex.sendEmpty(204);
                }
                case "POST /rate-limit" -> {
                    int perMinute = intValue(body(ex), "perMinute", -1);
                    sim.setRateLimitPerMinute(perMinute);
                    ex.sendJson(200, Map.of("perMinute", perMinute));
                }
                case "POST /tokens/revoke" -> {
                    sim.revokeAllTokens();
                    ex.sendEmpty(204);
                }
                case "POST /tokens/expire" -> {
                    sim.expireAccessTokens();
                    ex.sendEmpty(204);
                }
                case "POST /apps" -> {
                    Map<String, Object> b = body(ex);
                    sim.registerApp(str(b, "clientId"), str(b, "clientSecret"));
                    ex.sendJson(201, Map.of("clientId", b.get("clientId")));
                }
                case "POST /users" -> {
                    Map<String, Object> b = body(ex);
                    sim.registerUser(str(b, "username"), str(b, "password"));
                    ex.sendJson(201, Map.of("username", b.get("username")));
                }
                case "POST /clients" -> {
                    Map<String, Object> b = body(ex);
                    data.createClient(str(b, "id"), optStr(b, "description"));
                    ex.sendJson(201, Map.of("id", b.get("id")));
                }
                case "POST /matters" -> {
                    Map<String, Object> b = body(ex);
                    data.createMatter(str(b, "clientId"), str(b, "id"), optStr(b, "description"));
                    ex.sendJson(201, Map.of("clientId", b.get("clientId"), "id", b.get("id")));
                }
                case "POST /workspaces" -> {
                    Map<String, Object> b = body(ex);
                    ex.sendJson(201, data.createMatterWorkspace(str(b, "clientId"), optStr(b, "clientName"),
                            str(b, "matterId"), str(b, "description")));
                }
                case "POST /folders" -> {
                    Map<String, Object> b = body(ex);
                    ex.sendJson(201, Map.of("id", data.createFolder(str(b, "parentId"), str(b, "name"))));
                }
                case "POST /documents" -> {
                    Map<String, Object> b = body(ex);
                    String author = optStr(b, "author");
                    String id = data.putDocument(str(b, "folderId"), str(b, "name"), str(b, "extension"),
                            ControlSupport.content(b), author == null ? "FIRMUSER" : author);
                    ex.sendJson(201, Map.of("id", id));
                }
                case "GET /uploads" -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    String folder = ex.param("folderId");
                    out.put("total", data.uploadCount());
                    if (folder != null) {
                        out.put("folderId", folder);
                        out.put("count", data.uploadCount(folder));
                    }
                    ex.sendJson(200, out);
                }
                default -> unknown(ex);
            }
        } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException e) {
            ex.sendJson(400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (ImanageApiException e) {
            ex.sendJson(e.status(), e.body());
        }
    }

    private static void unknown(SimExchange ex) {
        ex.sendJson(404, Map.of("error", "unknown control endpoint " + ex.method() + " " + ex.path()));
    }
}
