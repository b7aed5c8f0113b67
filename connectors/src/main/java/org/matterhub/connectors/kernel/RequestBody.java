package org.matterhub.connectors.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A request body for {@link VendorExchange}: its content type, how to (re)build its publisher, and whether it can be
 * sent twice (after an access-token refresh). Files are streamed from their {@link UploadContent}, never buffered.
 *
 * @param contentType the {@code Content-Type} sent with it
 * @param publisher   builds a fresh publisher per attempt
 * @param replayable  whether a second attempt may read the content again
 */
public record RequestBody(String contentType, Supplier<HttpRequest.BodyPublisher> publisher, boolean replayable) {

    /** {@code application/json}. */
    public static final String JSON = "application/json";

    public RequestBody {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(publisher, "publisher");
    }

    /** A JSON document already written to bytes. */
    public static RequestBody json(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new RequestBody(JSON, () -> HttpRequest.BodyPublishers.ofByteArray(bytes), true);
    }

    /** A {@code multipart/form-data} body, streamed part by part. */
    public static RequestBody multipart(MultipartBody body) {
        return new RequestBody(body.contentType(), body::publisher, body.replayable());
    }

    /** Raw content of a known length (sent as {@code Content-Length}), opened when the request is sent. */
    public static RequestBody stream(String contentType, UploadContent content) {
        Objects.requireNonNull(content, "content");
        Supplier<HttpRequest.BodyPublisher> publisher = () -> HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return content.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), content.length());
        return new RequestBody(contentType, publisher, content.replayable());
    }
}
