package org.matterhub.portal.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link RangeRequest#resolve}, which reads a download's {@code Range} and {@code If-Range} headers. An input is
 * up to four lines: {@code Range}, {@code If-Range}, the content's size, its ETag (a missing line is an absent header;
 * an unparsable size counts as 0). Seeds: what browsers, curl and download managers send
 * (RangeRequestFuzzTestInputs/headers). docs/testing.md "Fuzzing".
 */
class RangeRequestFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void headers(byte[] input) {
        String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
        String range = line(lines, 0);
        String ifRange = line(lines, 1);
        long size = Math.abs(size(line(lines, 2)) % (1L << 40));
        String etag = line(lines, 3);

        RangeRequest.Resolved resolved = RangeRequest.resolve(range, ifRange, etag, size); // never throws
        if (resolved instanceof RangeRequest.Partial p) {
            // One range, resolved inside the content.
            assertThat(range).isNotNull();
            assertThat(p.range().isClosed()).isTrue();
            assertThat(p.range().first()).isBetween(0L, size - 1);
            assertThat(p.range().last()).isBetween(p.range().first(), size - 1);
        } else if (resolved instanceof RangeRequest.Unsatisfiable) {
            assertThat(range).isNotNull();
        }
        if (range == null || (ifRange != null && (etag == null || !ifRange.trim().equals(etag)))) {
            assertThat(resolved).isInstanceOf(RangeRequest.Whole.class);
        }
    }

    private static String line(String[] lines, int i) {
        return i < lines.length && !lines[i].isEmpty() ? lines[i] : null;
    }

    private static long size(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
