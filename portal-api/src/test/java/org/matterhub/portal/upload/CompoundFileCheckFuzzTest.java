package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes {@link CompoundFileCheck} alone — the spool and Apache POI's reading of an OLE2 compound file, the parser
 * most exposed to a hostile .doc, .xls, .ppt or .msg — in chunks as the inspector feeds it. Seeds: compound files of
 * each kind, with macros and encryption (CompoundFileCheckFuzzTestInputs/compoundFiles). docs/testing.md "Fuzzing".
 */
class CompoundFileCheckFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void compoundFiles(byte[] file) throws IOException {
        CompoundFileCheck check = new CompoundFileCheck(FileKind.DOC);
        try {
            int chunk = 1 + Math.floorMod(file.length * 31, 4096);
            for (int off = 0; off < file.length; off += chunk) {
                check.update(file, off, Math.min(chunk, file.length - off));
            }
            check.finish();
        } catch (Refusal refusal) {
            // Documented: a verdict (damaged, macros, encrypted, not a Word document, too many parts).
            assertThat(refusal.rejected().reason()).isNotNull();
        } finally {
            check.close();
        }
    }
}
