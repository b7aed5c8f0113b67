package org.matterhub.portal.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartStreamTest {

    static final String B = "----MatterhubBoundary7MA4YWxkTrZu0gW";

    @Test
    void readsFieldsAndAFileInAnyOrderAndEndsAtTheClosingDelimiter() throws IOException {
        byte[] file = "line one\r\n--not the boundary\r\nline three".getBytes(StandardCharsets.UTF_8);
        byte[] body = body(part("title", null, null, "Signed lease".getBytes(StandardCharsets.UTF_8)),
                part("file", "lease.txt", "text/plain", file),
                part("comment", null, null, "Second page\r\nis initialled".getBytes(StandardCharsets.UTF_8)));
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(body), B);
        MultipartStream.Part title = parts.next();
        assertThat(title.name()).isEqualTo("title");
        assertThat(title.isFile()).isFalse();
        assertThat(new String(title.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Signed lease");
        MultipartStream.Part f = parts.next();
        assertThat(f.name()).isEqualTo("file");
        assertThat(f.fileName()).isEqualTo("lease.txt");
        assertThat(f.contentType()).isEqualTo("text/plain");
        assertThat(f.body().readAllBytes()).isEqualTo(file);
        MultipartStream.Part comment = parts.next();
        assertThat(new String(comment.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Second page\r\nis initialled");
        assertThat(parts.next()).isNull();
        assertThat(parts.next()).isNull();
    }

    @Test
    void aLargeFileStreamsThroughTheFixedBufferEvenWhenReadOneByteAtATime() throws IOException {
        byte[] file = new byte[5 * MultipartStream.BUFFER + 123];
        new Random(7).nextBytes(file);
        // plant near-delimiters across buffer edges
        byte[] near = ("\r\n--" + B.substring(0, B.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(near, 0, file, MultipartStream.BUFFER - 10, near.length);
        System.arraycopy(near, 0, file, 3 * MultipartStream.BUFFER - 1, near.length);
        byte[] body = body(part("file", "data.bin", "application/octet-stream", file));
        MultipartStream parts = new MultipartStream(new TrickleInputStream(new ByteArrayInputStream(body)), B);
        MultipartStream.Part f = parts.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        int count = 0;
        while (count++ < 70_000 && (b = f.body().read()) >= 0) {
            out.write(b);
        }
        out.write(f.body().readAllBytes());
        assertThat(out.toByteArray()).isEqualTo(file);
        assertThat(parts.next()).isNull();
    }

    @Test
    void anUnreadPartIsSkippedByNext() throws IOException {
        byte[] body = body(part("file", "a.txt", "text/plain", new byte[200_000]),
                part("title", null, null, "T".getBytes(StandardCharsets.UTF_8)));
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(body), B);
        assertThat(parts.next().name()).isEqualTo("file");
        MultipartStream.Part title = parts.next();
        assertThat(title.name()).isEqualTo("title");
        assertThat(title.body().readAllBytes()).containsExactly('T');
    }

    @Test
    void aBodyCutShortFailsInsteadOfEndingTheFile() throws IOException {
        byte[] body = body(part("file", "a.pdf", "application/pdf", new byte[100_000]));
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 200);
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(cut), B);
        MultipartStream.Part f = parts.next();
        assertThatThrownBy(() -> f.body().readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void fileNamesAreReportedAsSentIncludingPathsAndExtendedNames() throws IOException {
        String header = "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"..\\\\..\\\\evil;x.pdf\"\r\n\r\nx\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fallback.pdf\"; "
                + "filename*=UTF-8''%C3%A9t%C3%A9.pdf\r\n\r\ny\r\n--" + B + "--\r\n";
        MultipartStream parts = new MultipartStream(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)), B);
        assertThat(parts.next().fileName()).isEqualTo("..\\..\\evil;x.pdf");
        assertThat(parts.next().fileName()).isEqualTo("été.pdf");
    }

    @Test
    void malformedBodiesAreRefused() {
        assertThatThrownBy(() -> new MultipartStream(InputStream.nullInputStream(), ""))
                .isInstanceOf(MultipartStream.MalformedMultipartException.class);
        String noDisposition = "--" + B + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + B + "--";
        assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream(noDisposition.getBytes(StandardCharsets.UTF_8)), B).next())
                .isInstanceOf(MultipartStream.MalformedMultipartException.class);
        String hugeHeader = "--" + B + "\r\nContent-Disposition: form-data; name=\"" + "x".repeat(20_000) + "\"\r\n\r\nx";
        assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream(hugeHeader.getBytes(StandardCharsets.UTF_8)), B).next())
                .isInstanceOf(MultipartStream.MalformedMultipartException.class);
        assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream("no boundary here".getBytes(StandardCharsets.UTF_8)), B).next())
                .isInstanceOf(IOException.class);
    }

    @Test
    void boundaryOfReadsQuotedAndPlainParameters() {
        assertThat(MultipartStream.boundaryOf("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(MultipartStream.boundaryOf("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"")).isEqualTo("a b:c");
        assertThat(MultipartStream.boundaryOf("application/json")).isNull();
        assertThat(MultipartStream.boundaryOf(null)).isNull();
        assertThat(MultipartStream.boundaryOf("multipart/mixed; boundary=x")).isNull();
        // Found by the fuzzer in CI: a content type of only parameter separators has no media type at all.
        assertThat(MultipartStream.boundaryOf(";")).isNull();
        assertThat(MultipartStream.boundaryOf(";;; boundary=x")).isNull();
        assertThat(MultipartStream.boundaryOf("")).isNull();
    }

    @Test
    void aBodyWithoutAnyBoundaryOrPartIsMalformed() {
        String onlyClosing = "--" + B + "--\r\n";
        assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream(onlyClosing.getBytes(StandardCharsets.UTF_8)), B).next())
                .isInstanceOf(MultipartStream.MalformedMultipartException.class);
    }

    @Test
    void aPartWithAnotherDispositionOrWithoutANameIsMalformed() {
        for (String disposition : new String[] {"attachment; name=\"file\"", "form-data; filename=\"a.txt\""}) {
            String body = "--" + B + "\r\nContent-Disposition: " + disposition + "\r\n\r\nx\r\n--" + B + "--";
            assertThatThrownBy(() -> new MultipartStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), B).next())
                    .as(disposition).isInstanceOf(MultipartStream.MalformedMultipartException.class);
        }
    }

    @Test
    void aRequestBodyIsBoundedEvenWithoutAContentLength() throws IOException {
        byte[] body = body(part("file", "a.txt", "text/plain", new byte[10_000]));
        assertThat(MultipartStream.bounded(new ByteArrayInputStream(body), body.length).readAllBytes()).isEqualTo(body);
        InputStream over = MultipartStream.bounded(new ByteArrayInputStream(body), body.length - 1);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(MultipartStream.RequestTooLargeException.class);
        MultipartStream parts = new MultipartStream(MultipartStream.bounded(new ByteArrayInputStream(body), 5_000), B);
        MultipartStream.Part f = parts.next();
        assertThatThrownBy(() -> f.body().readAllBytes()).isInstanceOf(MultipartStream.RequestTooLargeException.class);
    }

    static byte[] part(String name, String fileName, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("preamble ignored\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        out.writeBytes(("--" + B + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Returns at most 7 bytes per read, as a slow network would. */
    static final class TrickleInputStream extends FilterInputStream {
        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7));
        }
    }
}
