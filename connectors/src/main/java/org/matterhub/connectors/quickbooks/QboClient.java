package org.matterhub.connectors.quickbooks;

import org.matterhub.connectors.kernel.TokenStore;

import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.data.CreditMemo;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.services.CDCQueryResult;
import com.intuit.ipp.services.QueryResult;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.matterhub.connectors.kernel.Backoff;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.RateLimitTimeoutException;
import org.matterhub.connectors.kernel.RateLimiter;
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
 * refresh for all threads, saved through {@link TokenStore#save} before any request uses it (Intuit rotates
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

    private final QboProperties properties;
    private final String realmId;
    private final HttpClient http;
    private final Clock clock;
    private final QboDevkitExchange exchange;

    public QboClient(QboProperties properties, String realmId, TokenStore<QboTokens> tokenStore, RateLimiter rateLimiter) {
        this(properties, realmId, tokenStore, rateLimiter, null, Clock.systemUTC(), TimeSource.system());
    }

    /**
     * @param http  for the token endpoint and the streamed PDF download; null builds one with the configured
     *              proxy and connect timeout
     * @param clock token expiry and CDC look-back
     * @param time  sleeping between attempts
     */
    public QboClient(QboProperties properties, String realmId, TokenStore<QboTokens> tokenStore, RateLimiter rateLimiter,
                     HttpClient http, Clock clock, TimeSource time) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(tokenStore, "tokenStore");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = http != null ? http : defaultHttpClient(properties);
        QboOAuthClient oauth = new QboOAuthClient(properties, this.http, clock);
        TokenSession<QboTokens> session = new TokenSession<>(VENDOR, tokenStore::load, tokenStore::save, oauth::refresh,
                (method, path, code, message) -> new QboReauthorizationRequiredException(method, path, 401, code, message),
                clock, REFRESH_AHEAD);
        this.exchange = new QboDevkitExchange(properties, realmId, Objects.requireNonNull(rateLimiter, "rateLimiter"),
                clock, Objects.requireNonNull(time, "time"), session);
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
        List<CDCQueryResult> results = exchange.call("GET", "cdc", ctx -> { }, ds -> ds.executeCDCQuery(kinds, since), false);
        QboChangeCollector c = new QboChangeCollector();
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
        QboChangeCollector merged = new QboChangeCollector();
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

    // ---------------------------------------------------------------- company

    /**
     * The id of the company the access token reaches, read from {@code CompanyInfo}: the account check after a
     * connect flow (the callback's {@code realmId} is only a claim of the redirect). A token of another company is
     * refused by Intuit (401/403), which surfaces as the usual exceptions.
     */
    // GET /v3/company/{realmId}/companyinfo/{realmId}
    public String companyId() {
        com.intuit.ipp.data.CompanyInfo probe = new com.intuit.ipp.data.CompanyInfo();
        probe.setId(realmId);
        com.intuit.ipp.data.CompanyInfo info = exchange.call("GET", "companyinfo/" + realmId, ctx -> { },
                ds -> ds.findById(probe), false);
        if (info == null || info.getId() == null) {
            throw new org.matterhub.connectors.kernel.VendorResponseException(VENDOR, "GET", "companyinfo", 200,
                    org.matterhub.connectors.kernel.VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        return info.getId();
    }

    // ---------------------------------------------------------------- invoices

    /** One invoice with its {@code InvoiceLink}. @throws QboNotFoundException when it does not exist. */
    // GET /v3/company/{realmId}/invoice/{id}?include=invoiceLink
    public QboInvoice invoice(String id) {
        Invoice probe = new Invoice();
        probe.setId(Objects.requireNonNull(id, "id"));
        Invoice inv = exchange.call("GET", "invoice/" + id, ctx -> ctx.setIncludeParam(List.of("invoiceLink")),
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
            QboTokens tokens = exchange.session().current("GET", path);
            exchange.acquire("GET", path);
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    exchange.release();
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
                InputStream body = ContentDownload.releasingOnClose(r.body(), release);
                return new ContentDownload(body, r.statusCode(), r.headers().firstValueAsLong("Content-Length"),
                        r.headers().firstValue("Content-Type").orElse(null),
                        ContentDownload.fileNameOf(r.headers().firstValue("Content-Disposition").orElse(null)), null);
            }
            VendorException failure;
            try (InputStream in = r.body()) {
                failure = exchange.httpFailure("GET", path, r.statusCode(), in.readNBytes(64 * 1024),
                        r.headers().firstValue("Retry-After").orElse(null));
            } catch (IOException e) {
                failure = new VendorIoException(VENDOR, "GET", path, false, e);
            } finally {
                release.run();
            }
            if (failure instanceof VendorHttpException h && h.status() == 401 && !refreshed) {
                exchange.session().refreshReplacing(tokens.accessToken(), "GET", path);
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
            exchange.throttled(backoff.delay(attempt, ((VendorHttpException) failure).retryAfter()));
            attempt++;
        }
    }

    /** Voids an invoice (amounts to zero, the record stays). @throws QboStaleObjectException on a stale SyncToken. */
    // POST /v3/company/{realmId}/invoice?operation=void (the devkit sends include=void)
    public QboInvoice voidInvoice(String id, String syncToken) {
        Invoice inv = new Invoice();
        inv.setId(Objects.requireNonNull(id, "id"));
        inv.setSyncToken(Objects.requireNonNull(syncToken, "syncToken"));
        return QboMapper.invoice(exchange.call("POST", "invoice", ctx -> { }, ds -> ds.voidRequest(inv), false));
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
        Payment created = exchange.call("POST", "payment", ctx -> ctx.setRequestID(requestId),
                ds -> ds.add(QboMapper.sdkPayment(request)), true);
        return QboMapper.payment(created);
    }

    // ---------------------------------------------------------------- internals

    private <T> QboPage<T> page(String entity, int startPosition, int maxResults, Function<IEntity, T> map) {
        if (startPosition < 1) {
            throw new IllegalArgumentException("startPosition is 1-based: " + startPosition);
        }
        if (maxResults < 1 || maxResults > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("maxResults must be 1.." + MAX_PAGE_SIZE + ": " + maxResults);
        }
        String query = "SELECT * FROM " + entity + " ORDERBY Id STARTPOSITION " + startPosition + " MAXRESULTS " + maxResults;
        QueryResult result = exchange.call("GET", "query", ctx -> { }, ds -> ds.executeQuery(query), false);
        List<T> items = new ArrayList<>();
        if (result != null && result.getEntities() != null) {
            result.getEntities().forEach(e -> items.add(map.apply(e)));
        }
        return new QboPage<>(items, startPosition, maxResults);
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
}
