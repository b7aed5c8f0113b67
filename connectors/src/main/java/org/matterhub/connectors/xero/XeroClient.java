package org.matterhub.connectors.xero;

import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponse;
import com.xero.api.ApiClient;
import com.xero.api.client.AccountingApi;
import com.xero.api.client.IdentityApi;
import com.xero.models.accounting.Contacts;
import com.xero.models.accounting.CreditNotes;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.OnlineInvoice;
import com.xero.models.accounting.OnlineInvoices;
import com.xero.models.accounting.Organisations;
import com.xero.models.accounting.Payment;
import com.xero.models.accounting.Payments;
import com.xero.models.identity.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.matterhub.connectors.kernel.Backoff;
import org.matterhub.connectors.kernel.ContentDownload;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.RateLimitSnapshot;
import org.matterhub.connectors.kernel.TimeSource;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed client for the Xero Accounting API 2.0, for one grant and one organisation ({@code xero-tenant-id}), on
 * Xero's official SDK ({@code xero-java}). Only the connector's own records cross this class's surface.
 *
 * <p><b>Every call</b> first checks that the organisation is not parked for the day, then waits for the
 * organisation's {@link XeroThrottle} (a concurrency slot, then a minute permit; at most
 * {@link XeroProperties#maxPermitWait()}), sends, and feeds Xero's limit headers back into the throttle. Failures
 * map to the kernel's exceptions: 400 → {@link XeroValidationException} (Xero's messages); 403 →
 * {@link XeroReauthorizationRequiredException}; 404 → {@link XeroNotFoundException}; 429 for the day →
 * {@link XeroDailyLimitException} (and nothing more is sent until the reset); other 429 → {@link VendorHttpException}
 * with {@code retryAfter} and the {@code X-Rate-Limit-Problem} as {@code errorType} (the throttle pauses until then);
 * other non-2xx → {@link VendorHttpException}; transport failures, including a response that never came →
 * {@link VendorIoException}; unusable 2xx bodies → {@link VendorResponseException}.
 *
 * <p><b>401</b> → one token refresh shared by all threads that see it together ({@link TokenSession}); the rotated
 * tokens are saved through {@link TokenStore#save} before any request uses them; the call is sent once more. A
 * second 401, {@code invalid_grant}, or no refresh token → {@link XeroReauthorizationRequiredException}. Tokens are
 * also refreshed ahead of time when they expire within two minutes.
 *
 * <p><b>Reads are not retried</b> here: the caller's route retries by {@link XeroErrorClassifier}. <b>The one write,
 * {@link #createPayment}, is</b>: it always carries an {@code Idempotency-Key}, so a retry after a 5xx, a timeout, a
 * reset connection or a lost response replays Xero's first answer instead of paying twice.
 *
 * <p>Thread-safe. Tokens and secrets never appear in logs or exception messages.
 */
public final class XeroClient {

    /** Vendor name in exceptions and metrics. */
    public static final String VENDOR = "xero";
    /** Records per page of Xero's lists (fixed by Xero when {@code page} is given). */
    public static final int PAGE_SIZE = 100;

    private static final Logger log = LoggerFactory.getLogger(XeroClient.class);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(2);
    private static final String ORDER_BY_UPDATE = "UpdatedDateUTC ASC";
    private static final String SALES_INVOICES = "Type==\"ACCREC\"";
    private static final String SALES_PAYMENTS = "PaymentType==\"ACCRECPAYMENT\"";
    private static final String SALES_CREDIT_NOTES = "Type==\"ACCRECCREDIT\"";

    private final XeroProperties properties;
    private final UUID tenantId;
    private final String tenant;
    private final XeroThrottle throttle;
    private final TimeSource time;
    private final Clock clock;
    private final XeroOAuthClient oauth;
    private final XeroSdkExchange exchange;
    private final ApiClient accountingClient;
    private final AccountingApi accounting;
    private final ApiClient identityClient;
    private final IdentityApi identity;
    private final XeroErrorClassifier classifier;
    private final Backoff writeBackoff;

    /** A client on the wall clock with its own throttle (one client per organisation in this process). */
    public XeroClient(XeroProperties properties, UUID tenantId, TokenStore<OAuthTokenSet> tokenStore) {
        this(properties, tenantId, tokenStore, null, HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout()).build(), TimeSource.system());
    }

    /**
     * @param throttle the organisation's throttle, shared by every client for it; null = a new one
     * @param http     for the token endpoint (the SDK brings its own transport for the APIs)
     * @param time     clock and sleeper for limits, token expiry and write retries
     */
    public XeroClient(XeroProperties properties, UUID tenantId, TokenStore<OAuthTokenSet> tokenStore, XeroThrottle throttle,
                      HttpClient http, TimeSource time) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.tenant = tenantId.toString();
        Objects.requireNonNull(tokenStore, "tokenStore");
        this.time = Objects.requireNonNull(time, "time");
        this.clock = time.asClock();
        this.throttle = throttle != null ? throttle : XeroThrottle.forTenant(properties, tenantId, time);
        this.oauth = new XeroOAuthClient(properties, Objects.requireNonNull(http, "http"), clock);
        TokenSession<OAuthTokenSet> session = new TokenSession<>(VENDOR, tokenStore::load, tokenStore::save,
                oauth::refresh, (method, path, code, message) ->
                        new XeroReauthorizationRequiredException(method, path, 401, code, message), clock, REFRESH_AHEAD);
        this.exchange = new XeroSdkExchange(properties, tenant, this.throttle, time, session);
        this.accountingClient = sdkClient(properties.accountingBasePath().toString());
        this.accounting = new AccountingApi(accountingClient);
        this.identityClient = sdkClient(identityBase(properties));
        this.identity = new IdentityApi(identityClient);
        this.classifier = new XeroErrorClassifier(clock);
        this.writeBackoff = new Backoff(properties.writeBackoffBase(),
                properties.writeBackoffCap().compareTo(properties.writeBackoffBase()) < 0
                        ? properties.writeBackoffBase() : properties.writeBackoffCap());
    }

    /** The organisation this client speaks to. */
    public UUID tenantId() {
        return tenantId;
    }

    /** The organisation's throttle (limits, last headers, daily park). */
    public XeroThrottle throttle() {
        return throttle;
    }

    /** The last minute-window snapshot from Xero's headers, if any response carried them. */
    public Optional<RateLimitSnapshot> rateLimitSnapshot() {
        return throttle.lastSnapshot();
    }

    /** The last {@code X-*Limit-Remaining} headers, if any response carried them. */
    public Optional<XeroLimitHeaders> lastLimitHeaders() {
        return throttle.lastHeaders();
    }

    // ---------------------------------------------------------------- identity

    /**
     * The organisations the grant reaches. Identity calls are not counted against an organisation's limits.
     */
    // GET https://api.xero.com/connections (XE-ID)
    public List<XeroTenant> connections() {
        String path = properties.connectionsUrl().getPath();
        XeroSdkExchange.Outcome o = exchange.exchangeWithRefresh("GET", path, false,
                token -> identity.getConnectionsForHttpResponse(token, null));
        List<Connection> list = exchange.read(o, mapper(identityClient).getTypeFactory()
                .constructCollectionType(List.class, Connection.class), identityClient, "GET", path);
        List<XeroTenant> out = new ArrayList<>(list.size());
        for (Connection c : list) {
            out.add(XeroModels.tenant(c));
        }
        return out;
    }

    /**
     * The organisation this client's token and tenant id reach: the account check after a connect flow (a tenant id
     * from {@code /connections} that the token cannot open answers 403 here). Counts against the organisation's limits.
     */
    // GET /Organisation (XE-SPEC getOrganisations)
    public XeroOrganisation organisation() {
        Organisations body = readAccounting("GET", "/Organisation", Organisations.class,
                token -> accounting.getOrganisationsForHttpResponse(token, tenant));
        if (body.getOrganisations() == null || body.getOrganisations().isEmpty()) {
            throw new VendorResponseException(VENDOR, "GET", "/Organisation", 200,
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        return XeroModels.organisation(body.getOrganisations().get(0));
    }

    // ---------------------------------------------------------------- incremental lists

    /**
     * One page of sales invoices ({@code ACCREC}) created or changed at or after {@code since} (all when null), oldest
     * change first. Voided and deleted invoices are included: they are how deletions show. Keep the greatest
     * {@link XeroInvoice#updatedDateUtc()} of a finished walk as the next {@code since}; the record at exactly that
     * instant comes again and is applied idempotently.
     */
    // GET /Invoices?where=Type=="ACCREC"&order=UpdatedDateUTC ASC&page=N, If-Modified-Since (XE-SPEC)
    public XeroPage<XeroInvoice> invoicesModifiedSince(Instant since, int page) {
        requirePage(page);
        Invoices body = readAccounting("GET", "/Invoices", Invoices.class, token -> accounting.getInvoicesForHttpResponse(
                token, tenant, XeroModels.modifiedSince(since), SALES_INVOICES, ORDER_BY_UPDATE, null, null, null, null,
                page, null, null, null, null));
        return page(body.getInvoices(), XeroModels::invoice, page);
    }

    /** One page of contacts changed at or after {@code since}, archived ones included (their tombstones). */
    // GET /Contacts?includeArchived=true&order=UpdatedDateUTC ASC&page=N, If-Modified-Since (XE-SPEC)
    public XeroPage<XeroContact> contactsModifiedSince(Instant since, int page) {
        requirePage(page);
        Contacts body = readAccounting("GET", "/Contacts", Contacts.class, token -> accounting.getContactsForHttpResponse(
                token, tenant, XeroModels.modifiedSince(since), null, ORDER_BY_UPDATE, null, page, true, null, null));
        return page(body.getContacts(), XeroModels::contact, page);
    }

    /**
     * One page of payments on sales invoices changed at or after {@code since}, reversed ({@code DELETED}) ones
     * included. Xero sends no payment webhooks: this poll is the only way payments arrive.
     */
    // GET /Payments?where=PaymentType=="ACCRECPAYMENT"&order=UpdatedDateUTC ASC&page=N, If-Modified-Since (XE-SPEC)
    public XeroPage<XeroPayment> paymentsModifiedSince(Instant since, int page) {
        requirePage(page);
        Payments body = readAccounting("GET", "/Payments", Payments.class, token -> accounting.getPaymentsForHttpResponse(
                token, tenant, XeroModels.modifiedSince(since), SALES_PAYMENTS, ORDER_BY_UPDATE, page));
        return page(body.getPayments(), XeroModels::payment, page);
    }

    /** One page of sales credit notes ({@code ACCRECCREDIT}) changed at or after {@code since}. */
    // GET /CreditNotes?where=Type=="ACCRECCREDIT"&order=UpdatedDateUTC ASC&page=N, If-Modified-Since (XE-SPEC)
    public XeroPage<XeroCreditNote> creditNotesModifiedSince(Instant since, int page) {
        requirePage(page);
        CreditNotes body = readAccounting("GET", "/CreditNotes", CreditNotes.class,
                token -> accounting.getCreditNotesForHttpResponse(token, tenant, XeroModels.modifiedSince(since),
                        SALES_CREDIT_NOTES, ORDER_BY_UPDATE, page, null));
        return page(body.getCreditNotes(), XeroModels::creditNote, page);
    }

    // ---------------------------------------------------------------- single invoice

    /** One invoice. @throws XeroNotFoundException when it does not exist */
    // GET /Invoices/{InvoiceID} (XE-SPEC)
    public XeroInvoice invoice(UUID invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        String path = "/Invoices/" + invoiceId;
        Invoices body = readAccounting("GET", path, Invoices.class,
                token -> accounting.getInvoiceForHttpResponse(token, tenant, invoiceId, null));
        if (body.getInvoices() == null || body.getInvoices().isEmpty()) {
            throw new XeroNotFoundException("GET", path, null, "no invoice in the answer");
        }
        return XeroModels.invoice(body.getInvoices().get(0));
    }

    /**
     * The invoice's online page, where the firm's client can view and pay it. Xero offers one only for approved
     * sales invoices (a DRAFT answers 400).
     */
    // GET /Invoices/{InvoiceID}/OnlineInvoice (XE-SPEC)
    public String onlineInvoiceUrl(UUID invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        String path = "/Invoices/" + invoiceId + "/OnlineInvoice";
        OnlineInvoices body = readAccounting("GET", path, OnlineInvoices.class,
                token -> accounting.getOnlineInvoiceForHttpResponse(token, tenant, invoiceId));
        List<OnlineInvoice> list = body.getOnlineInvoices();
        if (list == null || list.isEmpty() || list.get(0).getOnlineInvoiceUrl() == null) {
            throw new VendorResponseException(VENDOR, "GET", path, 200, VendorResponseException.Kind.UNEXPECTED_SHAPE,
                    null);
        }
        return list.get(0).getOnlineInvoiceUrl();
    }

    /**
     * Streams the invoice as Xero renders it to PDF. The caller closes the download, which also frees the
     * organisation's concurrency slot it holds while streaming.
     *
     * @throws XeroNotFoundException     when the invoice does not exist
     * @throws VendorResponseException   when the answer is not a PDF
     */
    // GET /Invoices/{InvoiceID} with Accept: application/pdf (XE-SPEC getInvoiceAsPdf)
    public ContentDownload invoicePdf(UUID invoiceId) {
        Objects.requireNonNull(invoiceId, "invoiceId");
        String path = "/Invoices/" + invoiceId;
        XeroSdkExchange.Outcome o = exchange.exchangeWithRefresh("GET", path, true,
                token -> accounting.getInvoiceAsPdfForHttpResponse(token, tenant, invoiceId));
        HttpResponse r = o.response();
        String contentType = r.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/pdf")) {
            o.discard();
            throw new VendorResponseException(VENDOR, "GET", path, r.getStatusCode(),
                    VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
        }
        InputStream content;
        try {
            content = r.getContent();
        } catch (IOException e) {
            o.discard();
            throw XeroSdkExchange.io("GET", path, e);
        }
        InputStream body = ContentDownload.releasingOnClose(content == null ? InputStream.nullInputStream() : content,
                o::release);
        Long length = r.getHeaders().getContentLength();
        String disposition = r.getHeaders().getFirstHeaderStringValue("Content-Disposition");
        return new ContentDownload(body, r.getStatusCode(), length == null ? OptionalLong.empty() : OptionalLong.of(length),
                contentType, ContentDownload.fileNameOf(disposition), null);
    }

    // ---------------------------------------------------------------- payments (the one write)

    /**
     * Records a payment against an AUTHORISED sales invoice, exactly once per {@code idempotencyKey}.
     *
     * <p>The key goes out as {@code Idempotency-Key} on every attempt. Retriable failures (5xx, timeouts, reset or
     * dropped connections, a garbled 2xx, a minute or concurrency 429 after its {@code Retry-After}) are retried with
     * the same key, with {@link Backoff}, at most {@link XeroProperties#writeAttempts()} attempts within
     * {@link XeroProperties#writeRetryBudget()}; Xero replays its first answer to a repeated key, so the payment
     * exists once however many attempts reached it. The caller keeps the key with its outbox row and reuses it if it
     * retries later itself (Xero keeps answers for a limited window ⚠).
     *
     * @param idempotencyKey 1–128 characters, unique per intended payment (e.g. the portal payment's id)
     * @throws XeroValidationException  the payment is refused (amount above what is due, invoice not AUTHORISED, unknown
     *                                  account): permanent, with Xero's messages
     * @throws XeroDailyLimitException  the day's quota is used up; park until {@code resetAt}
     * @throws VendorIoException        (or another retriable failure) when the attempts or the budget ran out; the
     *                                  payment may or may not exist: retry later with the same key
     */
    // POST /Payments with Idempotency-Key (XE-SPEC createPayment)
    public XeroPayment createPayment(String idempotencyKey, XeroPaymentRequest request) {
        Objects.requireNonNull(request, "request");
        if (idempotencyKey == null || idempotencyKey.isBlank()
                || idempotencyKey.length() > XeroHeaders.MAX_IDEMPOTENCY_KEY) {
            throw new IllegalArgumentException("idempotencyKey must be 1.." + XeroHeaders.MAX_IDEMPOTENCY_KEY
                    + " characters");
        }
        Payment payment = XeroModels.sdkPayment(request);
        String path = "/Payments";
        Instant deadline = time.now().plus(properties.writeRetryBudget());
        for (int attempt = 1; ; attempt++) {
            try {
                Payments body = readAccounting("POST", path, Payments.class,
                        token -> accounting.createPaymentForHttpResponse(token, tenant, payment, idempotencyKey));
                if (body.getPayments() == null || body.getPayments().isEmpty()) {
                    throw new VendorResponseException(VENDOR, "POST", path, 200,
                            VendorResponseException.Kind.UNEXPECTED_SHAPE, null);
                }
                return XeroModels.payment(body.getPayments().get(0));
            } catch (RuntimeException e) {
                if (classifier.classify(e) != ErrorClass.RETRIABLE || attempt >= properties.writeAttempts()) {
                    throw e;
                }
                Duration wait = writeBackoff.delay(attempt, classifier.retryAfter(e));
                if (time.now().plus(wait).isAfter(deadline)) {
                    throw e;
                }
                log.info("xero POST {} attempt {} failed ({}); retrying with the same Idempotency-Key in {}", path,
                        attempt, e.getClass().getSimpleName(), wait);
                try {
                    time.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
            }
        }
    }

    // ---------------------------------------------------------------- internals: pages and bodies

    private static void requirePage(int page) {
        if (page < 1) {
            throw new IllegalArgumentException("page is 1-based: " + page);
        }
    }

    private static <S, T> XeroPage<T> page(List<S> rows, Function<S, T> map, int page) {
        List<T> items = new ArrayList<>(rows == null ? 0 : rows.size());
        if (rows != null) {
            for (S row : rows) {
                items.add(map.apply(row));
            }
        }
        return new XeroPage<>(items, page, items.size() >= PAGE_SIZE);
    }

    private <T> T readAccounting(String method, String path, Class<T> type, XeroSdkExchange.SdkCall call) {
        XeroSdkExchange.Outcome o = exchange.exchangeWithRefresh(method, path, true, call);
        return exchange.read(o, mapper(accountingClient).getTypeFactory().constructType(type), accountingClient, method,
                path);
    }

    private static ObjectMapper mapper(ApiClient client) {
        return client.getObjectMapper();
    }

    private ApiClient sdkClient(String basePath) {
        ApiClient client = new ApiClient(basePath, null, null, null, null);
        client.setConnectionTimeout(Math.toIntExact(properties.connectTimeout().toMillis()));
        client.setReadTimeout(Math.toIntExact(properties.requestTimeout().toMillis()));
        return client;
    }

    /** The SDK's identity base: the connections URL without its {@code /connections} path. */
    private static String identityBase(XeroProperties properties) {
        String url = properties.connectionsUrl().toString();
        if (!url.endsWith("/connections")) {
            throw new IllegalArgumentException("connectionsUrl must end with /connections: " + url);
        }
        return url.substring(0, url.length() - "/connections".length());
    }
}
