package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void headerValuesAndLengths() {
        assertThat(ByteRange.of(0, 1023).headerValue()).isEqualTo("bytes=0-1023");
        assertThat(ByteRange.of(0, 1023).length()).contains(1024L);
        assertThat(ByteRange.from(500).headerValue()).isEqualTo("bytes=500-");
        assertThat(ByteRange.from(500).length()).isEmpty();
        assertThatThrownBy(() -> ByteRange.of(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteRange.from(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesContentRange() {
        assertThat(ByteRange.Served.parse("bytes 100-163/4096")).contains(new ByteRange.Served(100, 163, 4096));
        assertThat(ByteRange.Served.parse("bytes 0-9/*")).contains(new ByteRange.Served(0, 9, -1));
        assertThat(ByteRange.Served.parse("bytes */4096")).isEmpty();
        assertThat(ByteRange.Served.parse(null)).isEqualTo(Optional.empty());
    }

    @Test
    void slicesAStreamWhenTheServerIgnoredRange() throws Exception {
        byte[] all = new byte[1000];
        Arrays.fill(all, 0, 1000, (byte) 1);
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(ContentDownload.slice(new ByteArrayInputStream(all), 100, 50).readAllBytes())
                .isEqualTo(Arrays.copyOfRange(all, 100, 150));
        assertThat(ContentDownload.slice(new ByteArrayInputStream(all), 990, -1).readAllBytes())
                .isEqualTo(Arrays.copyOfRange(all, 990, 1000));
        assertThat(ContentDownload.slice(new ByteArrayInputStream(all), 2000, 10).readAllBytes()).isEmpty();
    }

    @Test
    void readsTheFileNameOfContentDisposition() {
        assertThat(ContentDownload.fileNameOf("attachment; filename=\"Engagement letter.pdf\""))
                .isEqualTo("Engagement letter.pdf");
        assertThat(ContentDownload.fileNameOf("attachment")).isNull();
        assertThat(FormEncoding.pathSegment("ACTIVE_US!10001.2")).isEqualTo("ACTIVE_US!10001.2");
        assertThat(FormEncoding.pathSegment("a/b c?%")).isEqualTo("a%2Fb%20c%3F%25");
        assertThat(FormEncoding.form(new java.util.LinkedHashMap<>(java.util.Map.of("$top", "5"))))
                .isEqualTo("%24top=5");
    }
}
