package org.matterhub.connectors.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzzes {@link ByteRange}: {@link ByteRange.Served#parse} over a vendor's {@code Content-Range} header (bytes from
 * outside), and {@link ByteRange#resolve} of any range against any size. An input is two lines: the header value,
 * then {@code first last size} (unparsable numbers count as 0). Seeds: 206 answers as the DMS simulators send them
 * (ByteRangeFuzzTestInputs/contentRanges). docs/testing.md "Fuzzing".
 */
class ByteRangeFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void contentRanges(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String header = nl < 0 ? text : text.substring(0, nl);

        // Documented: empty when absent or not of the form; RFC 9110 §14.4: first <= last < complete length.
        Optional<ByteRange.Served> served = ByteRange.Served.parse(header);
        served.ifPresent(s -> {
            assertThat(s.first()).isNotNegative();
            assertThat(s.last()).isGreaterThanOrEqualTo(s.first());
            assertThat(s.length()).isPositive();
            if (s.total() != -1) {
                assertThat(s.total()).isGreaterThan(s.last());
            }
        });

        String[] numbers = (nl < 0 ? "" : text.substring(nl + 1)).trim().split("\\s+");
        long first = number(numbers, 0);
        long last = number(numbers, 1);
        long size = number(numbers, 2);
        ByteRange range;
        try {
            range = new ByteRange(first, last);
        } catch (IllegalArgumentException documented) {
            assertThat(first < 0 ? last >= 0 : last >= 0 && last < first).as("refused only when inconsistent").isTrue();
            return;
        }
        assertThat(range.headerValue()).startsWith("bytes=");
        assertThat(range.isClosed() ^ range.isOpenEnded() ^ range.isSuffix()).as("exactly one form").isTrue();
        if (size < 0) {
            return;
        }
        Optional<ByteRange> resolved = range.resolve(size);
        resolved.ifPresent(r -> {
            // Always a closed range inside the content.
            assertThat(r.first()).isBetween(0L, size - 1);
            assertThat(r.last()).isBetween(r.first(), size - 1);
            assertThat(r.length()).contains(r.last() - r.first() + 1);
            if (!range.isSuffix()) {
                assertThat(r.first()).isEqualTo(range.first());
            } else {
                assertThat(r.length().orElseThrow()).isEqualTo(Math.min(size, -range.first()));
            }
        });
        // Unsatisfiable exactly when the content is empty or the range starts at or after its end.
        assertThat(resolved.isEmpty()).isEqualTo(size == 0 || (!range.isSuffix() && range.first() >= size));
    }

    private static long number(String[] parts, int i) {
        try {
            return i < parts.length ? Long.parseLong(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
