package org.matterhub.portal.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the upload endpoint's multipart reader ({@link MultipartStream} on Commons FileUpload). An input is the
 * request's {@code Content-Type} on the first line, then the body. Seeds: uploads as browsers and curl send them
 * (MultipartStreamFuzzTestInputs/requests). docs/testing.md "Fuzzing".
 */
class MultipartStreamFuzzTest {

    private static final int LIMIT = 8 * 1024;

    @FuzzTest(maxDuration = "10s")
    void requests(byte[] input) {
        int nl = indexOf(input, (byte) '\n');
        String contentType = new String(input, 0, Math.max(nl, 0), StandardCharsets.ISO_8859_1);
        byte[] body = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);

        String boundary = MultipartStream.boundaryOf(contentType);
        if (boundary == null) {
            return; // answered 415 before the body is read
        }
        long read = 0;
        try (InputStream in = MultipartStream.bounded(new ByteArrayInputStream(body), LIMIT)) {
            MultipartStream parts = new MultipartStream(in, boundary);
            MultipartStream.Part part;
            int count = 0;
            while ((part = parts.next()) != null) {
                assertThat(part.name()).as("a part always has a name").isNotEmpty();
                read += part.body().readAllBytes().length;
                assertThat(++count).as("parts").isLessThanOrEqualTo(body.length);
            }
            assertThat(parts.next()).as("after the closing delimiter").isNull();
        } catch (IOException documented) {
            // MalformedMultipartException (400 with its message), RequestTooLargeException (413), EOFException and
            // any other IOException (400 "did not arrive complete"). Anything else would be a 503 "storage
            // unavailable": a wrong answer.
            if (body.length <= LIMIT) {
                assertThat(documented).isNotInstanceOf(MultipartStream.RequestTooLargeException.class);
            }
            return;
        }
        assertThat(read).as("part bodies come from the body").isLessThanOrEqualTo(Math.min(body.length, LIMIT));
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
