package org.matterhub.simulators.imanage;

import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.DemoMatters;
import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.DocumentSimulator;
import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RateGate;

import java.util.Map;
import java.util.function.Predicate;

import static org.matterhub.simulators.common.ControlSupport.body;
import static org.matterhub.simulators.common.ControlSupport.str;

/**
 * An iManage Work API v2 simulator on 127.0.0.1: OAuth at {@code baseUrl()+"/auth/oauth2/..."},
 * discovery at {@code baseUrl()+"/api"}, the library at {@link #libraryUrl()}, and a loopback control API
 * at {@code baseUrl()+"/_control/..."}. Stateful, thread-safe, starts in milliseconds. What is evidence and
 * what is assumption is listed in {@code simulators/README.md}.
 *
 * <pre>{@code
 * try (ImanageSimulator im = ImanageSimulator.start(ImanageSimulatorOptions.defaults())) {
 *     im.registerApp("matterhub", "s3cret");
 *     im.seedDemoFirm();
 *     // point the hub at im.baseUrl()
 * }
 * }</pre>
 */
public final class ImanageSimulator
        extends DocumentSimulator<ImanageSimulatorOptions, ImanageSimulatorData, ImanageDemoSeed> {

    private static final DocumentControl.Names CONTROL_NAMES =
            new DocumentControl.Names("id", "clientId", "matterId", "FIRMUSER", "folderId");

    private final ImanageOAuth oauth;

    private ImanageSimulator(ImanageSimulatorOptions options) {
        super("imanage-sim", new MonotonicClock(), options);
        MonotonicClock clock = kit.clock();
        ImanageSimulatorData data = new ImanageSimulatorData(clock, options.library(), this::baseUrl);
        this.oauth = new ImanageOAuth(clock, options.accessTokenTtl());
        use(oauth.server(), FaultAnswers.json(ImanageApiException::errorBody, "INTERNAL_SERVER_ERROR",
                "TOO_MANY_REQUESTS"), options.timeoutFaultHold());
        RateGate rate = new RateGate(60, clock, RateGate.NO_HEADERS, (ex, v) -> ex.sendJson(429,
                ImanageApiException.errorBody("TOO_MANY_REQUESTS", "Rate limit of " + v.limit()
                        + " requests per minute exceeded; retry in " + v.retryAfterSeconds() + " seconds")));
        store(data, rate, CONTROL_NAMES);
        kit.control().on("GET", "/health", (ex, s) -> ex.sendJson(200, Map.of("status", "ok",
                "baseUrl", baseUrl(), "libraryUrl", libraryUrl())));
        kit.control().on("POST", "/documents/*/versions", (ex, s) ->
                ex.sendJson(201, Map.of("id", data.addVersion(s[1], ControlSupport.content(body(ex))))));
        kit.control().on("POST", "/users", (ex, s) -> {
            Map<String, Object> b = body(ex);
            registerUser(str(b, "username"), str(b, "password"));
            ex.sendJson(201, Map.of("username", b.get("username")));
        });
        ImanageApi api = new ImanageApi(data, oauth, rate, options);
        kit.start(options.port(), ex -> dispatch(ex, ImanageApi.isApiPath(ex.path()), api::handle,
                e -> e.sendJson(404, ImanageApiException.errorBody("NOT_FOUND", "No route matches " + e.path()))));
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static ImanageSimulator start(ImanageSimulatorOptions options) {
        return new ImanageSimulator(options);
    }

    /** {@code baseUrl()/work/api/v2/customers/{cid}/libraries/{lib}} (the base URL stands for e.g. cloudimanage.com). */
    public String libraryUrl() {
        return baseUrl() + "/work/api/v2/customers/" + options().customerId() + "/libraries/" + options().library();
    }

    /** Makes a user known for the {@code password} grant (user names are case-insensitive, stored upper-case). */
    public void registerUser(String username, String password) {
        oauth.server().registerUser(username, password);
    }

    @Override
    protected ImanageDemoSeed seed(Predicate<DemoMatters.DemoMatter> include) {
        DemoMatters.Seeded<ImanageDemoSeed.Matter> s = DemoMatters.seed(data(), include, "SCHEN", ImanageDemoSeed.Matter::new);
        return new ImanageDemoSeed(s.clients(), s.matters(), s.documentIds());
    }
}
