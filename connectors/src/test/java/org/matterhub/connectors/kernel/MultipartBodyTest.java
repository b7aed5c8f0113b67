package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Multipart;

class MultipartBodyTest {

    @Test
    void encodesFieldsAndAStreamedFileThatAnIndependentParserReadsBack() throws Exception {
        byte[] file = new byte[70_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 7);
        }
        AtomicInteger opens = new AtomicInteger();
        UploadContent content = UploadContent.of(() -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(file);
        }, file.length);
        MultipartBody body = MultipartBody.builder("b0undary")
                .field("destination", "4821-7730-0001")
                .field("profile", "{\"name\":\"Brief \u00e9\"}")
                .file("file", "Brief \"final\".pdf", "application/pdf", content)
                .build();
        assertThat(opens).hasValue(0); // nothing read until the request is sent
        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=b0undary");

        byte[] encoded;
        try (InputStream in = body.open()) {
            encoded = in.readAllBytes();
        }
        assertThat(opens).hasValue(1);
        assertThat((long) encoded.length).isEqualTo(body.contentLength());
        List<Multipart.Part> parts = Multipart.parse(body.contentType(), encoded);
        assertThat(parts).extracting(Multipart.Part::name).containsExactly("destination", "profile", "file");
        assertThat(parts.get(1).text()).isEqualTo("{\"name\":\"Brief \u00e9\"}");
        assertThat(parts.get(2).filename()).isEqualTo("Brief %22final%22.pdf");
        assertThat(parts.get(2).contentType()).isEqualTo("application/pdf");
        assertThat(parts.get(2).data()).isEqualTo(file);
        assertThat(body.replayable()).isTrue();
    }

    @Test
    void aSingleUseStreamMakesTheBodyNonReplayable() throws Exception {
        UploadContent once = UploadContent.once(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), 3);
        MultipartBody body = MultipartBody.builder().file("file", "a.txt", null, once).build();
        assertThat(body.replayable()).isFalse();
        assertThat(body.boundary()).startsWith("matterhub-");
        try (InputStream in = body.open()) {
            assertThat(in.readAllBytes()).hasSize((int) body.contentLength());
        }
        assertThatThrownBy(body::open).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsABoundaryThatWouldBreakTheFormat() {
        assertThatThrownBy(() -> MultipartBody.builder("bad boundary\r\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
