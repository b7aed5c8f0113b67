package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void suffixAndOpenEndedRangesAreTheirOwnForms() {
        assertThat(ByteRange.suffix(500).headerValue()).isEqualTo("bytes=-500");
        assertThat(ByteRange.suffix(500).length()).isEmpty();
        assertThat(ByteRange.suffix(500).isSuffix()).isTrue();
        assertThat(ByteRange.from(500).isOpenEnded()).isTrue();
        assertThat(ByteRange.of(0, 0).isClosed()).isTrue();
        assertThat(ByteRange.from(7)).isEqualTo(new ByteRange(7, ByteRange.END));
        assertThatThrownBy(() -> ByteRange.suffix(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(-5, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}")
    @CsvSource(nullValues = "none", value = {
            // range,     size, resolved (first-last) or none (416)
            "bytes=0-1023, 4096, 0-1023",
            "bytes=0-9999, 4096, 0-4095",     // last beyond the end: to the end
            "bytes=4000-,  4096, 4000-4095",
            "bytes=4096-,  4096, none",       // starts at the end
            "bytes=5000-5001, 4096, none",
            "bytes=-100,   4096, 3996-4095",
            "bytes=-9999,  4096, 0-4095",     // suffix longer than the content: all of it
            "bytes=-1,     0,    none",       // nothing to take the suffix of
            "bytes=0-,     0,    none",
            "bytes=0-0,    1,    0-0",
    })
    void resolvesAgainstTheContentSize(String header, long size, String resolved) {
        ByteRange range = parse(header);
        assertThat(range.headerValue()).isEqualTo(header);
        Optional<ByteRange> r = range.resolve(size);
        if (resolved == null) {
            assertThat(r).isEmpty();
        } else {
            String[] ends = resolved.split("-");
            assertThat(r).contains(ByteRange.of(Long.parseLong(ends[0]), Long.parseLong(ends[1])));
            assertThat(r.get().isClosed()).isTrue();
        }
    }

    private static ByteRange parse(String header) {
        String spec = header.substring("bytes=".length());
        if (spec.startsWith("-")) {
            return ByteRange.suffix(Long.parseLong(spec.substring(1)));
        }
        String[] ends = spec.split("-", -1);
        return ends[1].isEmpty() ? ByteRange.from(Long.parseLong(ends[0]))
                : ByteRange.of(Long.parseLong(ends[0]), Long.parseLong(ends[1]));
    }

    @Test
    void parsesContentRange() {
        assertThat(ByteRange.Served.parse("bytes 100-163/4096")).contains(new ByteRange.Served(100, 163, 4096));
        assertThat(ByteRange.Served.parse("bytes 0-9/*")).contains(new ByteRange.Served(0, 9, -1));
        assertThat(ByteRange.Served.parse("bytes */4096")).isEmpty();
        assertThat(ByteRange.Served.parse(null)).isEqualTo(Optional.empty());
    }

    @Test
    void refusesContentRangesThatRfc9110CallsInvalidOrThatOverflowALong() {
        // Found by ByteRangeFuzzTest: these threw NumberFormatException or were accepted.
        assertThat(ByteRange.Served.parse("bytes 0-99999999999999999999/*")).isEmpty();
        assertThat(ByteRange.Served.parse("bytes 0-1000/1000")).isEmpty();
        assertThat(ByteRange.Served.parse("bytes 0-999/1000")).contains(new ByteRange.Served(0, 999, 1000));
        assertThat(ByteRange.Served.parse("bytes 9-8/100")).isEmpty();
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
