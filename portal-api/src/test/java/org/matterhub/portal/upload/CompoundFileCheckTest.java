package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/** OLE2 compound files read through Apache POI: what the directory walk finds at any depth, and what it leaves. */
class CompoundFileCheckTest {

  static InspectionResult inspect(byte[] body, String fileName) throws IOException {
    return new UploadInspector(UploadPolicy.defaults()).inspect(new ByteArrayInputStream(body), fileName, null,
        new RecordingSink());
  }

  static RejectionReason reason(InspectionResult r) {
    assertThat(r).isInstanceOf(Rejected.class);
    return ((Rejected) r).reason();
  }

  interface Writer {
    void write(POIFSFileSystem fs) throws IOException;
  }

  static byte[] compound(Writer writer) throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      writer.write(fs);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  static long spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("matterhub-ole-")).count();
    }
  }

  @Test
  void aMacroStorageInsideAnEmbeddedObjectIsFound() throws IOException {
    byte[] doc = compound(fs -> {
      fs.createDocument(new ByteArrayInputStream(Fixtures.ascii("text")), "WordDocument");
      DirectoryEntry object = fs.getRoot().createDirectory("ObjectPool").createDirectory("_1234567890");
      object.createDirectory("Macros").createDirectory("VBA");
    });
    assertThat(reason(inspect(doc, "brief.doc"))).isEqualTo(RejectionReason.MACRO_ENABLED);
  }

  @Test
  void aWorkbookStartingWithFilePassIsPasswordProtected() throws IOException {
    byte[] biff = new byte[64];
    biff[0] = 0x09;
    biff[1] = 0x08;
    biff[2] = 16;
    biff[5] = 0x06;
    biff[20] = 0x2F;
    assertThat(reason(inspect(Fixtures.ole(biff, "Workbook"), "ledger.xls"))).isEqualTo(RejectionReason.ENCRYPTED);
    biff[20] = 0x42; // CODEPAGE instead of FILEPASS
    assertThat(inspect(Fixtures.ole(biff, "Workbook"), "ledger.xls")).isInstanceOf(Accepted.class);
  }

  @Test
  void anOleObjectWithMacrosEmbeddedInADocxIsRefused() throws IOException {
    byte[] docx = Fixtures.docxWith("word/embeddings/oleObject1.bin", Fixtures.ole("Ole10Native", "+_VBA_PROJECT_CUR"));
    assertThat(reason(inspect(docx, "brief.docx"))).isEqualTo(RejectionReason.MACRO_ENABLED);
  }

  @Test
  void aDamagedCompoundFileIsRefusedAndItsSpoolDeleted() throws IOException {
    long before = spoolFiles();
    byte[] damaged = Arrays.copyOf(Fixtures.ole("WordDocument", "1Table"), 700);
    Arrays.fill(damaged, 512, 700, (byte) 0x7F);
    InspectionResult r = inspect(damaged, "brief.doc");
    assertThat(reason(r)).isEqualTo(RejectionReason.TYPE_MISMATCH);
    assertThat(((Rejected) r).detail()).contains("damaged");
    assertThat(spoolFiles()).isEqualTo(before);
  }

  @Test
  void aDirectoryTooLargeToReadIsRefusedWhileStreaming() throws IOException {
    long before = spoolFiles();
    byte[] header = Arrays.copyOf(Fixtures.ole("WordDocument"), 512);
    byte[] records = new byte[(CompoundFileCheck.MAX_DIRECTORY_RECORDS + 1) * 128];
    for (int at = 66; at < records.length; at += 128) {
      records[at] = 2;
    }
    InspectionResult r = inspect(Fixtures.concat(header, records), "brief.doc");
    assertThat(reason(r)).isEqualTo(RejectionReason.TYPE_MISMATCH);
    assertThat(((Rejected) r).detail()).contains("more parts than the portal inspects");
    assertThat(spoolFiles()).isEqualTo(before);
  }

  @Test
  void largeStreamsAreReadFromTheSpoolAndTheirBytesAreNotTakenForDirectoryRecords() throws IOException {
    byte[] text = Fixtures.letters(3 << 20, 5);
    assertThat(inspect(Fixtures.ole(text, "WordDocument", "1Table"), "brief.doc")).isInstanceOf(Accepted.class);
    byte[] noise = Fixtures.incompressible(8 << 20, 6);
    noise[0] = 'x'; // not a FIB
    assertThat(inspect(Fixtures.ole(noise, "WordDocument", "1Table"), "brief.doc")).isInstanceOf(Accepted.class);
  }
}
