package org.matterhub.simulators.netdocuments;

import org.matterhub.simulators.common.ControlSupport;
import org.matterhub.simulators.common.DemoMatters;
import org.matterhub.simulators.common.DocumentControl;
import org.matterhub.simulators.common.DocumentSimulator;
import org.matterhub.simulators.common.FaultAnswers;
import org.matterhub.simulators.common.MonotonicClock;
import org.matterhub.simulators.common.RateGate;

import java.util.Map;
import java.util.function.Predicate;

/**
 * A NetDocuments REST API simulator on 127.0.0.1. One base URL serves both NetDocuments hosts: the web
 * host's OAuth page {@code baseUrl()+"/neWeb2/OAuth.aspx"} and the API host's {@code /v1/OAuth},
 * {@code /v1/...} and {@code /v2/...}; a loopback control API lives at {@code baseUrl()+"/_control/..."}.
 * Stateful, thread-safe, starts in milliseconds. What is evidence and what is assumption is listed in
 * {@code simulators/README.md}.
 *
 * <pre>{@code
 * try (NetDocumentsSimulator nd = NetDocumentsSimulator.start(NetDocumentsSimulatorOptions.defaults())) {
 *     nd.registerApp("AP-MATTERHB", "s3cret");
 *     nd.seedDemoFirm();
 *     // point the hub at nd.baseUrl() (both the web and the API host)
 * }
 * }</pre>
 */
public final class NetDocumentsSimulator
        extends DocumentSimulator<NetDocumentsSimulatorOptions, NetDocumentsSimulatorData, NetDocumentsDemoSeed> {

    private static final DocumentControl.Names CONTROL_NAMES =
            new DocumentControl.Names("key", "clientKey", "matterKey", "firm.user", "destination");

    private NetDocumentsSimulator(NetDocumentsSimulatorOptions options) {
        super("netdocuments-sim", new MonotonicClock(), options);
        MonotonicClock clock = kit.clock();
        NetDocumentsSimulatorData data = new NetDocumentsSimulatorData(clock, options);
        NetDocumentsOAuth oauth = new NetDocumentsOAuth(clock, options.accessTokenTtl());
        use(oauth.server(), FaultAnswers.json(NetDocumentsApiException::errorBody, "InternalServerError",
                "TooManyRequests"), options.timeoutFaultHold());
        RateGate rate = new RateGate(60, clock, RateGate.NO_HEADERS, (ex, v) -> ex.sendJson(429,
                NetDocumentsApiException.errorBody("TooManyRequests", "More than " + v.limit()
                        + " calls in 60 seconds with this token; retry in " + v.retryAfterSeconds() + " seconds")));
        rate.setLimit(options.rateLimitPerMinute());
        store(data, rate, CONTROL_NAMES);
        kit.control().on("POST", "/documents/*/versions", (ex, s) -> {
            int version = data.addVersion(s[1], ControlSupport.content(ControlSupport.body(ex)));
            ex.sendJson(201, Map.of("id", s[1], "version", version));
        });
        kit.control().on("GET", "/log", (ex, s) -> ex.sendJson(200, data.activityLog()));
        NetDocumentsApi api = new NetDocumentsApi(data, oauth, rate, clock, options);
        kit.start(options.port(), ex -> dispatch(ex, NetDocumentsApi.isApiPath(ex.path()), api::handle,
                e -> e.sendJson(404, NetDocumentsApiException.errorBody("NotFound", "No route matches " + e.path()))));
    }

    /** Starts a simulator; {@code options.port() == 0} picks a free port. */
    public static NetDocumentsSimulator start(NetDocumentsSimulatorOptions options) {
        return new NetDocumentsSimulator(options);
    }

    @Override
    protected NetDocumentsDemoSeed seed(Predicate<DemoMatters.DemoMatter> include) {
        DemoMatters.Seeded<NetDocumentsDemoSeed.Matter> s =
                DemoMatters.seed(data(), include, "s.chen", NetDocumentsDemoSeed.Matter::new);
        return new NetDocumentsDemoSeed(s.clients(), s.matters(), s.documentIds());
    }
}
