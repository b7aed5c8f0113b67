package org.matterhub.connectors.clio;

import org.matterhub.connectors.kernel.HttpHeaderNames;
import org.matterhub.connectors.kernel.OAuthTokenSet;
import org.matterhub.connectors.kernel.TokenStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.matterhub.connectors.kernel.FormEncoding;
import org.matterhub.connectors.kernel.JsonResponse;
import org.matterhub.connectors.kernel.RateLimitSnapshot;
import org.matterhub.connectors.kernel.RateLimiter;
import org.matterhub.connectors.kernel.RequestBody;
import org.matterhub.connectors.kernel.TokenSession;
import org.matterhub.connectors.kernel.VendorExchange;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.connectors.kernel.VendorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed client for the Clio Manage API v4, for one connection (one OAuth grant).
 *
 * <p>Every call: waits for a permit of the connection's {@link RateLimiter} (at most
 * {@link ClioProperties#requestTimeout()}, else {@link org.matterhub.connectors.kernel.RateLimitTimeoutException}),
 * sends {@code Authorization: Bearer} and {@code X-API-VERSION}, feeds the {@code X-RateLimit-*} headers
 * back into the limiter, and maps failures to the kernel's exceptions:
 * 404 → {@link ClioNotFoundException}, 412 → {@link ClioPreconditionFailedException},
 * 429 → {@link VendorHttpException} with {@code retryAfter} (and the limiter paused until then),
 * other non-2xx → {@link VendorHttpException}, transport failures → {@link VendorIoException},
 * unusable 2xx bodies → {@link VendorResponseException}. The client itself never retries, except:
 *
 * <p><b>401</b> → one token refresh, shared by all threads of this client that see the 401 together
 * ({@link TokenSession}); the new tokens are saved through {@link TokenStore#save} before any request
 * uses them; the call is retried once. A refresh answered {@code invalid_grant}, or a second 401 with
 * the fresh token, → {@link ClioReauthorizationRequiredException}. Tokens are also refreshed ahead of time
 * when they expire within a minute.
 *
 * <p>Thread-safe. Tokens and secrets never appear in logs or exception messages.
 */
public final class ClioClient {

    /** Vendor name in exceptions and metrics. */
    public static final String VENDOR = "clio";

    /** Fields requested for matters (nested relations in braces). */
    public static final String MATTER_FIELDS = "id,etag,number,display_number,description,status,"
            + "client{id,name,type},practice_area{id,name},responsible_attorney{id,name,email},"
            + "open_date,pending_date,close_date,created_at,updated_at";

    /** Fields requested for contacts, including the nested items {@link ClioContactPatch} needs. */
    public static final String CONTACT_FIELDS = "id,etag,name,first_name,middle_name,last_name,type,is_client,"
            + "primary_email_address,primary_phone_number,company{id,name},"
            + "email_addresses{id,address,name,primary},phone_numbers{id,number,name,primary},"
            + "addresses{id,street,city,province,postal_code,country,name,primary},created_at,updated_at";

    /** Fields read for notes. */
    public static final String NOTE_FIELDS = "id,etag,type,subject,detail,date,created_at,updated_at,matter{id}";

    /** Fields requested for activities (time and expense entries). */
    public static final String ACTIVITY_FIELDS = "id,etag,type,date,quantity,quantity_in_hours,price,total,note,billed,"
            + "non_billable,created_at,updated_at,matter{id},user{id,name}";

    /** Fields requested for webhooks. */
    public static final String WEBHOOK_FIELDS =
            "id,etag,url,fields,shared_secret,model,status,events,expires_at,created_at,updated_at";

    private static final Logger log = LoggerFactory.getLogger(ClioClient.class);

    private final ClioProperties properties;
    private final ClioRateLimits rateLimits;
    private final URI apiBase;
    private final VendorExchange<OAuthTokenSet> exchange;

    public ClioClient(ClioProperties properties, TokenStore<OAuthTokenSet> tokenStore, RateLimiter rateLimiter,
                      HttpClient http, Clock clock) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.rateLimits = new ClioRateLimits(rateLimiter);
        this.exchange = VendorExchange.connection(new ClioOAuthClient(properties, http, clock), tokenStore, rateLimiter,
                        ClioJson.JSON)
                .bearer()
                .header(ClioHeaders.API_VERSION, properties.apiVersion())
                .onStatus(404, ClioNotFoundException::new)
                .onStatus(412, ClioPreconditionFailedException::new)
                .observe(rateLimits::observe)
                .build();
        this.apiBase = properties.apiBase();
    }

    // ---------------------------------------------------------------- matters

    /**
     * One page of matters updated since {@code updatedSince} (all when null), cursor-paginated in id order.
     *
     * @param nextPageUrl null for the first page, else the previous page's {@link ClioPage#nextPageUrl()}
     *                    (which already carries every parameter; {@code updatedSince} is then ignored)
     */
    // https://docs.developers.clio.com/api-reference/#tag/Matters/operation/Matter#index
    public ClioPage<ClioMatter> listMatters(Instant updatedSince, String nextPageUrl) {
        return listPage("/matters.json", MATTER_FIELDS, updatedSince, nextPageUrl, ClioMatter.class);
    }

    /** One matter. @throws ClioNotFoundException when it no longer exists (deleted in Clio). */
    // https://docs.developers.clio.com/api-reference/#tag/Matters/operation/Matter#show
    public ClioMatter getMatter(long id) {
        return getOne("/matters/" + id + ".json", MATTER_FIELDS, ClioMatter.class);
    }

    // ---------------------------------------------------------------- contacts

    /** One page of contacts updated since {@code updatedSince}; see {@link #listMatters}. */
    // https://docs.developers.clio.com/api-reference/#tag/Contacts/operation/Contact#index
    public ClioPage<ClioContact> listContacts(Instant updatedSince, String nextPageUrl) {
        return listPage("/contacts.json", CONTACT_FIELDS, updatedSince, nextPageUrl, ClioContact.class);
    }

    /** One contact with its etag and nested items. @throws ClioNotFoundException when deleted. */
    // https://docs.developers.clio.com/api-reference/#tag/Contacts/operation/Contact#show
    public ClioContact getContact(long id) {
        return getOne("/contacts/" + id + ".json", CONTACT_FIELDS, ClioContact.class);
    }

    /**
     * Applies the client's corrections, only if the contact still has {@code ifMatchEtag}.
     *
     * @return the contact as Clio now has it (with its new etag)
     * @throws ClioPreconditionFailedException when the contact changed since {@code ifMatchEtag} was read
     */
    // https://docs.developers.clio.com/api-reference/#tag/Contacts/operation/Contact#update
    public ClioContact patchContact(long id, String ifMatchEtag, ClioContactPatch patch) {
        Objects.requireNonNull(ifMatchEtag, "ifMatchEtag");
        Objects.requireNonNull(patch, "patch");
        String path = "/contacts/" + id + ".json";
        URI uri = apiUri(path, query(Map.of("fields", CONTACT_FIELDS)));
        return execute("PATCH", uri, path, json(patch.toRequestBody()), Map.of(HttpHeaderNames.IF_MATCH, ifMatchEtag))
                .member("data", ClioContact.class);
    }

    // ---------------------------------------------------------------- activities

    /**
     * One page of activities of every type (time entries, expenses, costs) updated since {@code updatedSince}
     * (all when null); see {@link #listMatters}. A time entry's {@code quantity} is in seconds: the client speaks
     * minor version 4.0.4 or later.
     */
    // https://docs.developers.clio.com/api-reference/#tag/Activities/operation/Activity#index
    public ClioPage<ClioActivity> listActivities(Instant updatedSince, String nextPageUrl) {
        return listPage("/activities.json", ACTIVITY_FIELDS, updatedSince, nextPageUrl, ClioActivity.class);
    }

    /** One activity. @throws ClioNotFoundException when it no longer exists (deleted in Clio). */
    // https://docs.developers.clio.com/api-reference/#tag/Activities/operation/Activity#show
    public ClioActivity getActivity(long id) {
        return getOne("/activities/" + id + ".json", ACTIVITY_FIELDS, ClioActivity.class);
    }

    // ---------------------------------------------------------------- notes

    /**
     * Adds a plain-text note to a matter. Clio has no idempotency key (VENDORS §0.3): a caller that may retry after
     * a lost response first looks for its note with {@link #findMatterNotes} (put a unique marker in the detail).
     */
    // https://docs.developers.clio.com/api-reference/#tag/Notes/operation/Note#create
    public ClioNote createMatterNote(long matterId, String subject, String detail, LocalDate date) {
        ObjectNode data = ClioJson.MAPPER.createObjectNode();
        data.put("type", "Matter");
        data.putObject("matter").put("id", matterId);
        data.put("subject", Objects.requireNonNull(subject, "subject"));
        data.put("detail", Objects.requireNonNull(detail, "detail"));
        data.put("detail_text_type", "plain_text");
        if (date != null) {
            data.put("date", date.toString());
        }
        String path = "/notes.json";
        URI uri = apiUri(path, query(Map.of("fields", NOTE_FIELDS)));
        return execute("POST", uri, path, json(wrap(data)), Map.of()).member("data", ClioNote.class);
    }

    /**
     * The notes of a matter whose subject or detail contains {@code query} (Clio's wildcard search; null = all),
     * every page, oldest first.
     */
    // https://docs.developers.clio.com/api-reference/#tag/Notes/operation/Note#index
    public List<ClioNote> findMatterNotes(long matterId, String query) {
        String path = "/notes.json";
        Map<String, String> q = new LinkedHashMap<>();
        q.put("type", "Matter");
        q.put("matter_id", Long.toString(matterId));
        if (query != null) {
            q.put("query", query);
        }
        q.put("fields", NOTE_FIELDS);
        q.put("order", "id(asc)");
        q.put("limit", Integer.toString(properties.pageSize()));
        URI uri = apiUri(path, query(q));
        List<ClioNote> all = new ArrayList<>();
        while (uri != null) {
            ClioPage<ClioNote> page = page(execute("GET", uri, path, null, Map.of()), ClioNote.class);
            all.addAll(page.records());
            uri = page.nextPageUrl() != null ? sameOriginPageUrl(page.nextPageUrl(), path) : null;
        }
        return all;
    }

    // ---------------------------------------------------------------- webhooks

    /**
     * Subscribes {@code url} (HTTPS only at Clio) to {@code events} of {@code model}. Clio then performs the
     * {@code X-Hook-Secret} handshake with the URL; the returned record carries the {@code shared_secret}.
     *
     * @param fields    fields delivered in each event (and watched for {@code updated}); include {@code etag}
     *                  so that {@link ClioWebhookEvent#dedupeKey()} is precise
     * @param expiresAt at most 31 days ahead; null = Clio's default of 3 days
     */
    // https://docs.developers.clio.com/api-reference/#tag/Webhooks/operation/Webhook#create
    public ClioWebhook createWebhook(String url, String model, List<String> events, String fields, Instant expiresAt) {
        ObjectNode data = ClioJson.MAPPER.createObjectNode();
        data.put("url", Objects.requireNonNull(url, "url"));
        data.put("model", Objects.requireNonNull(model, "model"));
        data.put("fields", Objects.requireNonNull(fields, "fields"));
        if (events != null && !events.isEmpty()) {
            events.forEach(data.putArray("events")::add);
        }
        if (expiresAt != null) {
            data.put("expires_at", expiresAt.toString());
        }
        String path = "/webhooks.json";
        URI uri = apiUri(path, query(Map.of("fields", WEBHOOK_FIELDS)));
        return execute("POST", uri, path, json(wrap(data)), Map.of()).member("data", ClioWebhook.class);
    }

    /** Moves a webhook's expiry (Clio allows at most 31 days ahead). */
    // https://docs.developers.clio.com/api-reference/#tag/Webhooks/operation/Webhook#update
    public ClioWebhook extendWebhook(long id, Instant expiresAt) {
        ObjectNode data = ClioJson.MAPPER.createObjectNode();
        data.put("expires_at", Objects.requireNonNull(expiresAt, "expiresAt").toString());
        String path = "/webhooks/" + id + ".json";
        URI uri = apiUri(path, query(Map.of("fields", WEBHOOK_FIELDS)));
        return execute("PATCH", uri, path, json(wrap(data)), Map.of()).member("data", ClioWebhook.class);
    }

    /** Every webhook of this grant (all pages). */
    // https://docs.developers.clio.com/api-reference/#tag/Webhooks/operation/Webhook#index
    public List<ClioWebhook> listWebhooks() {
        List<ClioWebhook> all = new ArrayList<>();
        String next = null;
        do {
            ClioPage<ClioWebhook> page = listPage("/webhooks.json", WEBHOOK_FIELDS, null, next, ClioWebhook.class);
            all.addAll(page.records());
            next = page.nextPageUrl();
        } while (next != null);
        return all;
    }

    /** Deletes a webhook. Idempotent: a webhook that is already gone (404) counts as deleted. */
    // https://docs.developers.clio.com/api-reference/#tag/Webhooks/operation/Webhook#destroy
    public void deleteWebhook(long id) {
        String path = "/webhooks/" + id + ".json";
        try {
            execute("DELETE", apiUri(path, ""), path, null, Map.of());
        } catch (ClioNotFoundException alreadyGone) {
            log.debug("clio webhook {} already deleted", id);
        }
    }

    // ---------------------------------------------------------------- rate limit

    /** The {@code X-RateLimit-*} headers of the most recent response, if any carried them. */
    public Optional<RateLimitSnapshot> lastRateLimit() {
        return rateLimits.last();
    }

    // ---------------------------------------------------------------- for the package's other API classes

    /** One call through this client's pipeline (rate limit, bearer, version, error mapping), for {@link ClioConversations}. */
    JsonResponse call(String method, String path, Map<String, String> params, JsonNode body) {
        return execute(method, apiUri(path, query(params)), path, body == null ? null : json(body), Map.of());
    }

    /** Every record of an index, following {@code meta.paging.next} on this Clio host only; see {@link #findMatterNotes}. */
    <T> List<T> all(String path, Map<String, String> params, Class<T> type) {
        URI uri = apiUri(path, query(params));
        List<T> all = new ArrayList<>();
        while (uri != null) {
            ClioPage<T> page = page(execute("GET", uri, path, null, Map.of()), type);
            all.addAll(page.records());
            uri = page.nextPageUrl() != null ? sameOriginPageUrl(page.nextPageUrl(), path) : null;
        }
        return all;
    }

    /** The {@code limit} of the index calls. */
    int pageSize() {
        return properties.pageSize();
    }

    // ---------------------------------------------------------------- internals

    private <T> ClioPage<T> listPage(String path, String fields, Instant updatedSince, String nextPageUrl,
                                     Class<T> type) {
        URI uri;
        if (nextPageUrl != null) {
            uri = sameOriginPageUrl(nextPageUrl, path);
        } else {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("fields", fields);
            q.put("order", "id(asc)");
            q.put("limit", Integer.toString(properties.pageSize()));
            if (updatedSince != null) {
                q.put("updated_since", updatedSince.toString());
            }
            uri = apiUri(path, query(q));
        }
        return page(execute("GET", uri, path, null, Map.of()), type);
    }

    /** A list answer: its {@code data} records and the {@code meta.paging.next} URL, if any. */
    private static <T> ClioPage<T> page(JsonResponse r, Class<T> type) {
        JsonNode root = r.tree();
        List<T> records = r.listOf(root.get("data"), type);
        JsonNode next = root.path("meta").path("paging").path("next");
        return new ClioPage<>(records, next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }

    private <T> T getOne(String path, String fields, Class<T> type) {
        return execute("GET", apiUri(path, query(Map.of("fields", fields))), path, null, Map.of())
                .member("data", type);
    }

    /**
     * A {@code meta.paging.next} URL is followed only if it points at the same Clio host and endpoint: the
     * bearer token must never be sent anywhere else, whatever a persisted cursor or a response contains.
     */
    private URI sameOriginPageUrl(String nextPageUrl, String path) {
        URI uri;
        try {
            uri = URI.create(nextPageUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Clio page URL");
        }
        boolean sameOrigin = Objects.equals(uri.getScheme(), apiBase.getScheme())
                && Objects.equals(uri.getHost(), apiBase.getHost())
                && effectivePort(uri) == effectivePort(apiBase)
                && Objects.equals(uri.getPath(), apiBase.getPath() + path);
        if (!sameOrigin) {
            throw new IllegalArgumentException("next page URL is not " + apiBase + path);
        }
        return uri;
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private URI apiUri(String path, String query) {
        return URI.create(apiBase + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String query(Map<String, String> params) {
        return FormEncoding.form(params);
    }

    private static ObjectNode wrap(ObjectNode data) {
        ObjectNode root = ClioJson.MAPPER.createObjectNode();
        root.set("data", data);
        return root;
    }

    private static byte[] json(JsonNode node) {
        return ClioJson.JSON.write(node);
    }

    private JsonResponse execute(String method, URI uri, String path, byte[] body, Map<String, String> headers) {
        return exchange.call(method, uri, path, body == null ? null : RequestBody.json(body), headers);
    }
}
