package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the upload inspector ({@link UploadInspector} with its sniffer, ZIP scanner, {@link CompoundFileCheck} on
 * POI, text and signature checks) over a client's file. An input is {@code <file name>\t<declared type>} on the first
 * line, then the file's bytes. Seeds: real documents of every accepted family and the hostile files of
 * HostileUploadsTest (UploadInspectorFuzzTestInputs/uploads). docs/testing.md "Fuzzing".
 */
class UploadInspectorFuzzTest {

    private final UploadInspector inspector = new UploadInspector(UploadPolicy.defaults().withMaxBytes(64 * 1024));

    @FuzzTest(maxDuration = "10s")
    void uploads(byte[] input) throws IOException {
        int nl = indexOf(input, (byte) '\n');
        String head = new String(input, 0, Math.max(nl, 0), StandardCharsets.UTF_8);
        int tab = head.indexOf('\t');
        String name = tab < 0 ? head : head.substring(0, tab);
        String type = tab < 0 ? null : head.substring(tab + 1);
        byte[] file = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);

        RecordingSink sink = new RecordingSink();
        // Documented: a verdict, or an IOException from the body or the sink (neither fails here). Anything else
        // thrown is a finding.
        InspectionResult result = inspector.inspect(new ByteArrayInputStream(file), name, type, sink);
        if (result instanceof Accepted a) {
            assertThat(sink.committed && !sink.discarded).as("an accepted file is committed").isTrue();
            assertThat(sink.stored()).as("exactly the bytes sent are stored").isEqualTo(file);
            assertThat(a.sizeBytes()).isEqualTo(file.length);
            assertThat(a.sha256Hex()).isEqualTo(Fixtures.sha256(file));
            assertThat(a.safeFileName()).isNotBlank().doesNotContain("/", "\\", "\0");
        } else {
            Rejected r = (Rejected) result;
            assertThat(r.reason()).isNotNull();
            assertThat(sink.committed).as("a rejected file is never committed").isFalse();
            assertThat(sink.discarded || !sink.opened).as("what was staged is discarded").isTrue();
            assertThat(sink.stored()).isEmpty();
        }
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
