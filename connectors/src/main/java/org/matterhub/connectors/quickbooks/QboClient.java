package org.matterhub.connectors.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intuit.ipp.core.Context;
import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.core.ServiceType;
import com.intuit.ipp.data.CreditMemo;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.IntuitEntity;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Line;
import com.intuit.ipp.data.LinkedTxn;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.data.ReferenceType;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.security.OAuth2Authorizer;
import com.intuit.ipp.services.CDCQueryResult;
import com.intuit.ipp.services.DataService;
import com.intuit.ipp.services.QueryResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.matterhub.connectors.kernel.Backoff;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.RetryAfter;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed client for the QuickBooks Online Accounting API v3 of one realm (company), on Intuit's
 * {@code ipp-v3-java-devkit}. No devkit type appears in its signatures.
 *
 * <p><b>Limits.</b> Every request takes a permit of the realm's {@link RateLimiter} ({@link
 * QboProperties#requestsPerMinute()}) and of a concurrency semaphore ({@link QboProperties#maxConcurrent()}),
 * waiting at most {@link QboProperties#requestTimeout()}, else {@link RateLimitTimeoutException} (nothing sent).
 * So a backfill stays under QBO's 500/min and 10 concurrent per realm and app (VENDORS.md §4.6), provided one
 * client per realm is used. A 429 that comes anyway pauses the limiter for a backoff (the devkit does not expose
 * {@code Retry-After}; the PDF download honours it) and the call is tried again, at most
 * {@link QboProperties#maxAttempts()} times.
 *
 * <p><b>Tokens.</b> Refreshed ahead of expiry and after a 401 (fault 3200) through {@link TokenSession}: one
 * refresh for all threads, saved through {@link QboTokenStore#save} before any request uses it (Intuit rotates
 * refresh tokens). A second 401 → {@link QboReauthorizationRequiredException}.
 *
 * <p><b>Creates.</b> {@link #createPayment} sends the caller's {@code requestid}; QBO answers a repeated id with
 * the original response instead of creating again (VENDORS.md §4.6). The devkit never retries a POST (its gzip
 * body is not repeatable, and this client turns its retries off), so the client retries transient failures
 * itself — 5xx, timeouts, a connection closed before the response, an unreadable body, 429 — always with the
 * same {@code requestid}, then throws the classified exception ({@link QboErrorClassifier}).
 *
 * <p><b>Devkit configuration</b> is per thread ({@link QboDevkitConfig}) and applied around every call, so
 * clients with different base URLs or proxies can run on any threads. Thread-safe.
 */
public final class QboClient {

    /** Vendor name in exceptions and metrics. */
    public static final String VENDOR = "quickbooks";
    /** Entities {@link #changeDataCapture} and {@link #changesSince} read. */
    public static final List<String> CDC_ENTITIES = List.of("Customer", "Invoice", "Payment", "CreditMemo");
    /** Objects per CDC response; a response this large may be cut (VENDORS.md §4.4). */
    public static final int CDC_MAX_OBJECTS = 1000;
    /** How far back CDC reaches (VENDORS.md §4.4). */
    public static final Duration CDC_LOOK_BACK = Duration.ofDays(30);
    /** Largest {@code MAXRESULTS} (VENDORS.md §4.3). */
    public static final int MAX_PAGE_SIZE = 1000;
    /** Longest {@code requestid} (VENDORS.md §4.6). */
    public static final int MAX_REQUEST_ID_LENGTH = 50;

    private static final Logger log = LoggerFactory.getLogger(QboClient.class);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    private static final DateTimeFormatter CHANGED_SINCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final QboProperties properties;
    private final String realmId;
    private final RateLimiter rateLimiter;
    private final Semaphore concurrency;
    private final HttpClient http;
    private final Clock clock;
    private final TimeSource time;
    private final QboDevkitConfig devkitConfig;
    private final TokenSession<QboTokens> session;
    private final QboErrorClassifier classifier = new QboErrorClassifier();

    public QboClient(QboProperties properties, String realmId, QboTokenStore tokenStore, RateLimiter rateLimiter) {
        this(properties, realmId, tokenStore, rateLimiter, null, Clock.systemUTC(), TimeSource.system());
    }

    /**
     * @param http  for the token endpoint and the streamed PDF download; null builds one with the configured
     *              proxy and connect timeout
     * @param clock token expiry and CDC look-back
     * @param time  sleeping between attempts
     */
    public QboClient(QboProperties properties, String realmId, QboTokenStore tokenStore, RateLimiter rateLimiter,
                     HttpClient http, Clock clock, TimeSource time) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(tokenStore, "tokenStore");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = Objects.requireNonNull(time, "time");
        this.http = http != null ? http : defaultHttpClient(properties);
        this.concurrency = new Semaphore(properties.maxConcurrent(), true);
        this.devkitConfig = new QboDevkitConfig(properties);
        QboOAuthClient oauth = new QboOAuthClient(properties, this.http, clock);
        this.session = new TokenSession<>(VENDOR, tokenStore::load, tokenStore::save, oauth::refresh,
                (method, path, code, message) -> new QboReauthorizationRequiredException(method, path, 401, code, message),
                clock, REFRESH_AHEAD);
    }

    /** The realm (company id) this client reads and writes. */
    public String realmId() {
        return realmId;
    }

    // ---------------------------------------------------------------- change data capture

    /**
     * One CDC call: entities of the given types changed after {@code changedSince}, and deletions.
     * {@link QboChanges#capped()} says the response held {@value #CDC_MAX_OBJECTS} objects, so more may exist;
     * use {@link #changesSince} to get everything.
     *
     * @param entities any of {@link #CDC_ENTITIES}
     * @throws QboCdcLookBackExceededException when {@code changedSince} is more than 30 days ago (nothing sent)
     */
    // GET /v3/company/{realmId}/cdc?entities=…&changedSince=… (QB-CDC)
    public QboChanges changeDataCapture(Instant changedSince, Set<String> entities) {
        Objects.requireNonNull(changedSince, "changedSince");
        checkLookBack(changedSince, clock.instant());
        List<IEntity> kinds = new ArrayList<>();
        for (String name : CDC_ENTITIES) {
            if (entities.contains(name)) {
                kinds.add(newEntity(name));
            }
        }
        for (String name : entities) {
            if (!CDC_ENTITIES.contains(name)) {
                throw new IllegalArgumentException("CDC entity not supported: " + name + " (supported: " + CDC_ENTITIES + ")");
            }
        }
        String since = CHANGED_SINCE.format(changedSince);
        List<CDCQueryResult> results = call("GET", "cdc", ctx -> { }, ds -> ds.executeCDCQuery(kinds, since), false);
        Collector c = new Collector();
        int objects = 0;
        for (CDCQueryResult result : results == null ? List.<CDCQueryResult>of() : results) {
            if (result.getQueryResults() == null) {
                continue;
            }
            for (Map.Entry<String, QueryResult> e : result.getQueryResults().entrySet()) {
                List<? extends IEntity> list = e.getValue() == null ? null : e.getValue().getEntities();
                if (list == null) {
                    continue;
                }
                for (IEntity entity : list) {
                    objects++;
                    c.add(e.getKey(), entity);
                }
            }
        }
        return c.changes(objects >= CDC_MAX_OBJECTS, null);
    }

    /**
     * Every change to {@link #CDC_ENTITIES} in {@code (since, now]}, never capped: when a CDC response is cut at
     * {@value #CDC_MAX_OBJECTS} objects, the window is halved until its end lies before the newest change returned
     * (QBO returns the oldest changes first ⚠ as the simulator does; VENDORS.md §4.4 only says "narrow the window"),
     * so the response holds all of it, and CDC continues from there. Changes after {@code now} are left for the
     * next call, which starts at {@link QboChanges#coveredUntil()} = {@code now}.
     *
     * @throws QboCdcLookBackExceededException when {@code since} is more than 30 days before {@code now}: run a
     *                                         full query backfill instead
     */
    public QboChanges changesSince(Instant since, Instant now) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(now, "now");
        checkLookBack(since, now);
        Collector merged = new Collector();
        Instant cursor = since;
        Set<String> all = Set.copyOf(CDC_ENTITIES);
        while (cursor.isBefore(now)) {
            QboChanges r = changeDataCapture(cursor, all);
            Instant end = now;
            if (r.capped()) {
                Instant newest = newest(r);
                while (!end.isBefore(newest)) {
                    Duration half = Duration.between(cursor, end).dividedBy(2);
                    if (half.toMillis() < 1) {
                        throw new IllegalStateException("more than " + CDC_MAX_OBJECTS
                                + " QuickBooks changes within one millisecond after " + cursor + "; backfill by query");
                    }
                    end = cursor.plus(half);
                }
                log.debug("quickbooks realm {}: CDC capped after {}, narrowed to {}", realmId, cursor, end);
            }
            merged.addWithin(r, cursor, end);
            cursor = end;
        }
        return merged.changes(false, now);
    }

    // ---------------------------------------------------------------- paged queries (backfill)

    /** Customers by {@code Id}; {@code startPosition} is 1-based, {@code maxResults} at most 1000. */
    // GET /v3/company/{realmId}/query?query=SELECT * FROM Customer ORDERBY Id STARTPOSITION n MAXRESULTS m
    public QboPage<QboCustomer> customers(int startPosition, int maxResults) {
        return page("Customer", startPosition, maxResults, e -> QboMapper.customer((Customer) e));
    }

    /** Invoices by {@code Id} (voided ones included). */
    // GET /v3/company/{realmId}/query?query=SELECT * FROM Invoice ORDERBY Id STARTPOSITION n MAXRESULTS m
    public QboPage<QboInvoice> invoices(int startPosition, int maxResults) {
        return page("Invoice", startPosition, maxResults, e -> QboMapper.invoice((Invoice) e));
    }

    /** Payments by {@code Id}. */
    // GET /v3/company/{realmId}/query?query=SELECT * FROM Payment ORDERBY Id STARTPOSITION n MAXRESULTS m
    public QboPage<QboPayment> payments(int startPosition, int maxResults) {
        return page("Payment", startPosition, maxResults, e -> QboMapper.payment((Payment) e));
    }

    /** Credit memos by {@code Id}. */
    // GET /v3/company/{realmId}/query?query=SELECT * FROM CreditMemo ORDERBY Id STARTPOSITION n MAXRESULTS m
    public QboPage<QboCreditMemo> creditMemos(int startPosition, int maxResults) {
        return page("CreditMemo", startPosition, maxResults, e -> QboMapper.creditMemo((CreditMemo) e));
    }

    // ---------------------------------------------------------------- invoices

    /** One invoice with its {@code InvoiceLink}. @throws QboNotFoundException when it does not exist. */
    // GET /v3/company/{realmId}/invoice/{id}?include=invoiceLink
    public QboInvoice invoice(String id) {
        Invoice probe = new Invoice();
        probe.setId(Objects.requireNonNull(id, "id"));
        Invoice inv = call("GET", "invoice/" + id, ctx -> ctx.setIncludeParam(List.of("invoiceLink")),
                ds -> ds.findById(probe), false);
        return QboMapper.invoice(inv);
    }

    /**
     * The invoice as PDF, streamed: close the download to release the connection (and the realm's concurrency
     * permit, which it holds until then). The devkit's {@code downloadPDF} buffers the whole file, so this call
     * uses {@code java.net.http} with the same base URL, proxy, token and limits.
     */
    // GET /v3/company/{realmId}/invoice/{id}/pdf
    public ContentDownload invoicePdf(String id) {
        Objects.requireNonNull(id, "id");
        String path = "invoice/" + id + "/pdf";
        URI uri = URI.create(properties.apiBaseUrl() + "/" + realmId + "/invoice/"
                + org.matterhub.connectors.kernel.FormEncoding.pathSegment(id) + "/pdf?minorversion="
                + properties.minorVersion());
        Backoff backoff = properties.backoff();
        boolean refreshed = false;
        for (int attempt = 1; ; ) {
            QboTokens tokens = session.current("GET", path);
            acquire("GET", path);
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    concurrency.release();
                }
            };
            HttpResponse<InputStream> r;
            try {
                r = http.send(HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
                        .header("Authorization", "Bearer " + tokens.accessToken())
                        .header("Accept", "application/pdf").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                release.run();
                throw new VendorIoException(VENDOR, "GET", path, true, e);
            } catch (IOException | UncheckedIOException e) {
                release.run();
                throw new VendorIoException(VENDOR, "GET", path, false, e);
            } catch (InterruptedException e) {
                release.run();
                Thread.currentThread().interrupt();
                throw new VendorIoException(VENDOR, "GET", path, false, e);
            }
            if (r.statusCode() / 100 == 2) {
                InputStream body = new FilterInputStream(r.body()) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            release.run();
                        }
                    }
                };
                return new ContentDownload(body, r.statusCode(), r.headers().firstValueAsLong("Content-Length"),
                        r.headers().firstValue("Content-Type").orElse(null),
                        ContentDownload.fileNameOf(r.headers().firstValue("Content-Disposition").orElse(null)), null);
            }
            VendorException failure;
            try (InputStream in = r.body()) {
                failure = httpFailure("GET", path, r.statusCode(), in.readNBytes(64 * 1024),
                        r.headers().firstValue("Retry-After").orElse(null));
            } catch (IOException e) {
                failure = new VendorIoException(VENDOR, "GET", path, false, e);
            } finally {
                release.run();
            }
            if (failure instanceof VendorHttpException h && h.status() == 401 && !refreshed) {
                session.refreshReplacing(tokens.accessToken(), "GET", path);
                refreshed = true;
                continue;
            }
            if (failure instanceof VendorHttpException h && h.status() == 401) {
                throw new QboReauthorizationRequiredException("GET", path, 401, h.errorType(), h.bodyExcerpt());
            }
            boolean tooMany = failure instanceof VendorHttpException http429 && http429.status() == 429;
            if (!tooMany || attempt >= properties.maxAttempts()) {
                throw failure;
            }
            throttled(backoff.delay(attempt, ((VendorHttpException) failure).retryAfter()));
            attempt++;
        }
    }

    /** Voids an invoice (amounts to zero, the record stays). @throws QboStaleObjectException on a stale SyncToken. */
    // POST /v3/company/{realmId}/invoice?operation=void (the devkit sends include=void)
    public QboInvoice voidInvoice(String id, String syncToken) {
        Invoice inv = new Invoice();
        inv.setId(Objects.requireNonNull(id, "id"));
        inv.setSyncToken(Objects.requireNonNull(syncToken, "syncToken"));
        return QboMapper.invoice(call("POST", "invoice", ctx -> { }, ds -> ds.voidRequest(inv), false));
    }

    // ---------------------------------------------------------------- payments

    /**
     * Records a payment applied to one invoice, exactly once per {@code requestId}: transient failures are retried
     * with the same id, and QBO answers a repeated id with the payment it already created.
     *
     * @param requestId unique per realm, at most 50 characters; derive it from the hub's outbox id so that a
     *                  retry after a crash reuses it
     */
    // POST /v3/company/{realmId}/payment?requestid=… (QB-RID)
    public QboPayment createPayment(String requestId, QboPaymentRequest request) {
        Objects.requireNonNull(request, "request");
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw new IllegalArgumentException("requestId must be 1.." + MAX_REQUEST_ID_LENGTH + " characters");
        }
        Payment created = call("POST", "payment", ctx -> ctx.setRequestID(requestId),
                ds -> ds.add(paymentEntity(request)), true);
        return QboMapper.payment(created);
    }

    private static Payment paymentEntity(QboPaymentRequest r) {
        Payment p = new Payment();
        p.setCustomerRef(ref(r.customerId()));
        p.setTotalAmt(r.amount());
        if (r.currency() != null) {
            p.setCurrencyRef(ref(r.currency()));
        }
        if (r.txnDate() != null) {
            p.setTxnDate(QboMapper.toDate(r.txnDate()));
        }
        p.setPaymentRefNum(r.paymentRefNum());
        p.setPrivateNote(r.privateNote());
        Line line = new Line();
        line.setAmount(r.amount());
        LinkedTxn link = new LinkedTxn();
        link.setTxnId(r.invoiceId());
        link.setTxnType("Invoice");
        line.setLinkedTxn(List.of(link));
        p.setLine(List.of(line));
        return p;
    }

    // ---------------------------------------------------------------- internals

    @FunctionalInterface
    private interface DevkitCall<T> {
        T run(DataService service) throws FMSException;
    }

    /**
     * Runs one devkit call: token, permits, per-thread devkit settings, translation of failures; a 401 refreshes
     * once; a 429 (and with {@code retryTransient} any retriable failure) is retried with backoff.
     */
    private <T> T call(String method, String path, Consumer<Context> setup, DevkitCall<T> op, boolean retryTransient) {
        Backoff backoff = properties.backoff();
        boolean refreshed = false;
        for (int attempt = 1; ; ) {
            QboTokens tokens = session.current(method, path);
            try {
                return once(method, path, tokens, setup, op);
            } catch (QboReauthorizationRequiredException e) {
                throw e;
            } catch (VendorHttpException e) {
                if (e.status() == 401) {
                    if (refreshed) {
                        throw new QboReauthorizationRequiredException(method, path, 401, e.errorType(), e.bodyExcerpt());
                    }
                    log.debug("quickbooks {} {} answered 401; refreshing the access token", method, path);
                    session.refreshReplacing(tokens.accessToken(), method, path);
                    refreshed = true;
                    continue;
                }
                boolean throttled = e.status() == 429;
                if (!(throttled || (retryTransient && classifier.classify(e) == ErrorClass.RETRIABLE))
                        || attempt >= properties.maxAttempts()) {
                    throw e;
                }
                Duration delay = backoff.delay(attempt, e.retryAfter());
                if (throttled) {
                    throttled(delay);
                } else {
                    pause(delay, method, path);
                }
                log.info("quickbooks {} {} failed ({}), attempt {} of {}; retrying in {}", method, path,
                        e.status(), attempt, properties.maxAttempts(), delay);
                attempt++;
            } catch (VendorException e) {
                if (!retryTransient || classifier.classify(e) != ErrorClass.RETRIABLE
                        || attempt >= properties.maxAttempts()) {
                    throw e;
                }
                Duration delay = backoff.delay(attempt, Optional.empty());
                log.info("quickbooks {} {} failed ({}), attempt {} of {}; retrying in {}", method, path,
                        e.getClass().getSimpleName(), attempt, properties.maxAttempts(), delay);
                pause(delay, method, path);
                attempt++;
            }
        }
    }

    private <T> T once(String method, String path, QboTokens tokens, Consumer<Context> setup, DevkitCall<T> op) {
        acquire(method, path);
        try (QboDevkitConfig.Scope ignored = devkitConfig.apply()) {
            Context context = new Context(new OAuth2Authorizer(tokens.accessToken()), ServiceType.QBO, realmId);
            context.setMinorVersion(Integer.toString(properties.minorVersion()));
            context.setCustomerRequestTimeout((int) Math.min(Integer.MAX_VALUE, properties.requestTimeout().toMillis()));
            setup.accept(context);
            return op.run(new DataService(context));
        } catch (FMSException e) {
            throw QboFaults.translate(method, path, e);
        } finally {
            concurrency.release();
        }
    }

    /** A rate-limit permit, then a concurrency permit (released by the caller). */
    private void acquire(String method, String path) {
        Duration maxWait = properties.requestTimeout();
        try {
            rateLimiter.acquire(maxWait);
            if (!concurrency.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RateLimitTimeoutException("quickbooks:" + realmId + ":concurrency", maxWait, maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
    }

    private void throttled(Duration delay) {
        rateLimiter.pauseUntil(clock.instant().plus(delay));
    }

    private void pause(Duration delay, String method, String path) {
        try {
            time.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorIoException(VENDOR, method, path, false, e);
        }
    }

    private <T> QboPage<T> page(String entity, int startPosition, int maxResults, Function<IEntity, T> map) {
        if (startPosition < 1) {
            throw new IllegalArgumentException("startPosition is 1-based: " + startPosition);
        }
        if (maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("maxResults must be 1.." + MAX_PAGE_SIZE + ": " + maxResults);
        }
        String query = "SELECT * FROM " + entity + " ORDERBY Id STARTPOSITION " + startPosition + " MAXRESULTS " + maxResults;
        QueryResult result = call("GET", "query", ctx -> { }, ds -> ds.executeQuery(query), false);
        List<T> items = new ArrayList<>();
        if (result != null && result.getEntities() != null) {
            result.getEntities().forEach(e -> items.add(map.apply(e)));
        }
        return new QboPage<>(items, startPosition, maxResults);
    }

    /** A non-2xx answer of the direct (non-devkit) download, read like the devkit reads it. */
    private VendorException httpFailure(String method, String path, int status, byte[] body, String retryAfterHeader) {
        Optional<Duration> retryAfter = RetryAfter.parse(retryAfterHeader, clock.instant());
        String code = null;
        String message = null;
        String type = null;
        try {
            JsonNode fault = MAPPER.readTree(body).path("Fault");
            JsonNode first = fault.path("Error").path(0);
            code = first.path("code").asText(null);
            message = first.path("Message").asText(null);
            String detail = first.path("Detail").asText(null);
            message = detail == null ? message : message == null ? detail : message + ": " + detail;
            type = fault.path("type").asText(null);
        } catch (IOException | RuntimeException notJson) {
            // no fault body: the status decides
        }
        if (code != null && status != 429 && status != 401) {
            com.intuit.ipp.data.Error error = new com.intuit.ipp.data.Error();
            error.setCode(code);
            error.setMessage(message);
            VendorException translated = QboFaults.translate(method, path, new FMSException(List.of(error)));
            if (!(translated instanceof QboFaultException f) || f.status() != 400 || status < 500) {
                return translated;
            }
        }
        String strippedCode = code == null ? null : code.replaceFirst("^0+(?=.)", "");
        return new QboFaultException(method, path, status, retryAfter, type, strippedCode, message, null);
    }

    private static IEntity newEntity(String name) {
        return switch (name) {
            case "Customer" -> new Customer();
            case "Invoice" -> new Invoice();
            case "Payment" -> new Payment();
            case "CreditMemo" -> new CreditMemo();
            default -> throw new IllegalArgumentException("CDC entity not supported: " + name);
        };
    }

    private static ReferenceType ref(String value) {
        ReferenceType r = new ReferenceType();
        r.setValue(value);
        return r;
    }

    private static void checkLookBack(Instant since, Instant now) {
        Instant oldest = now.minus(CDC_LOOK_BACK);
        if (since.isBefore(oldest)) {
            throw new QboCdcLookBackExceededException(since, oldest);
        }
    }

    private static Instant newest(QboChanges r) {
        List<Instant> all = new ArrayList<>();
        r.customers().forEach(x -> all.add(x.lastUpdated()));
        r.invoices().forEach(x -> all.add(x.lastUpdated()));
        r.payments().forEach(x -> all.add(x.lastUpdated()));
        r.creditMemos().forEach(x -> all.add(x.lastUpdated()));
        r.deleted().forEach(x -> all.add(x.deletedAt()));
        return all.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow(() ->
                new IllegalStateException("a capped CDC response without change times"));
    }

    private static HttpClient defaultHttpClient(QboProperties p) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(p.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (p.hasProxy()) {
            b.proxy(ProxySelector.of(new InetSocketAddress(p.proxyHost(), p.proxyPort())));
        }
        return b.build();
    }

    /** Gathers CDC entities by type, the latest state of each id winning. */
    private static final class Collector {

        private record Item(String entity, String id, Instant at, Object record) {
        }

        private final Map<String, Item> items = new LinkedHashMap<>();

        void add(String entityName, IEntity e) {
            String entity = entityName;
            if (QboMapper.isDeleted(e)) {
                IntuitEntity ie = (IntuitEntity) e;
                put(new Item(entity, ie.getId(), QboMapper.lastUpdated(ie), QboMapper.deleted(entity, ie)));
            } else if (e instanceof Customer c) {
                put(new Item("Customer", c.getId(), QboMapper.lastUpdated(c), QboMapper.customer(c)));
            } else if (e instanceof Invoice i) {
                put(new Item("Invoice", i.getId(), QboMapper.lastUpdated(i), QboMapper.invoice(i)));
            } else if (e instanceof Payment p) {
                put(new Item("Payment", p.getId(), QboMapper.lastUpdated(p), QboMapper.payment(p)));
            } else if (e instanceof CreditMemo m) {
                put(new Item("CreditMemo", m.getId(), QboMapper.lastUpdated(m), QboMapper.creditMemo(m)));
            }
        }

        /** Adds the records of {@code r} changed in {@code (after, upTo]}. */
        void addWithin(QboChanges r, Instant after, Instant upTo) {
            r.customers().forEach(x -> within(new Item("Customer", x.id(), x.lastUpdated(), x), after, upTo));
            r.invoices().forEach(x -> within(new Item("Invoice", x.id(), x.lastUpdated(), x), after, upTo));
            r.payments().forEach(x -> within(new Item("Payment", x.id(), x.lastUpdated(), x), after, upTo));
            r.creditMemos().forEach(x -> within(new Item("CreditMemo", x.id(), x.lastUpdated(), x), after, upTo));
            r.deleted().forEach(x -> within(new Item(x.entity(), x.id(), x.deletedAt(), x), after, upTo));
        }

        private void within(Item item, Instant after, Instant upTo) {
            if (item.at() == null || (item.at().isAfter(after) && !item.at().isAfter(upTo))) {
                put(item);
            }
        }

        private void put(Item item) {
            items.merge(item.entity() + ":" + item.id(), item, (old, neu) ->
                    old.at() != null && neu.at() != null && old.at().isAfter(neu.at()) ? old : neu);
        }

        QboChanges changes(boolean capped, Instant coveredUntil) {
            List<QboCustomer> customers = new ArrayList<>();
            List<QboInvoice> invoices = new ArrayList<>();
            List<QboPayment> payments = new ArrayList<>();
            List<QboCreditMemo> creditMemos = new ArrayList<>();
            List<QboDeleted> deleted = new ArrayList<>();
            for (Item i : items.values()) {
                Object r = i.record();
                if (r instanceof QboCustomer c) {
                    customers.add(c);
                } else if (r instanceof QboInvoice v) {
                    invoices.add(v);
                } else if (r instanceof QboPayment p) {
                    payments.add(p);
                } else if (r instanceof QboCreditMemo m) {
                    creditMemos.add(m);
                } else {
                    deleted.add((QboDeleted) r);
                }
            }
            return new QboChanges(customers, invoices, payments, creditMemos, deleted, capped, coveredUntil);
        }
    }
}
