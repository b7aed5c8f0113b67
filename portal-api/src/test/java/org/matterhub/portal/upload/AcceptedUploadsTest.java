package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.portal.upload.Fixtures.ascii;
import static org.matterhub.portal.upload.Fixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real, minimal documents of every family pass, are committed byte for byte, and are measured exactly. */
class AcceptedUploadsTest {

  record Case(String name, byte[] body, String fileName, String declaredType, String expectedType) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> acceptableUploads() {
    return Stream.of(
        new Case("minimal PDF", Fixtures.pdf(), "letter.pdf", "application/pdf", "application/pdf"),
        new Case("PDF sent as application/octet-stream", Fixtures.pdf(), "letter.pdf", "application/octet-stream",
            "application/pdf"),
        new Case("PDF with no declared type and an upper-case extension", Fixtures.pdf(), "LETTER.PDF", null,
            "application/pdf"),
        new Case("PDF after a blank line", Fixtures.concat(ascii("\r\n"), Fixtures.pdf()), "letter.pdf", null,
            "application/pdf"),
        new Case("minimal DOCX", Fixtures.docx(), "brief.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        new Case("minimal XLSX", Fixtures.xlsx(), "ledger.xlsx", null,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        new Case("minimal ODT", Fixtures.odt(Map.of()), "brief.odt", "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.text"),
        new Case("Word 97 directory", Fixtures.ole("WordDocument", "1Table", "\u0005SummaryInformation"),
            "brief.doc", "application/msword", "application/msword"),
        new Case("Outlook message directory", Fixtures.ole("__properties_version1.0", "__substg1.0_0037001F",
            "+__attach_version1.0_#00000000"), "mail.msg", "application/vnd.ms-outlook", "application/vnd.ms-outlook"),
        new Case("RTF", ascii("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Lease terms\\par}"), "lease.rtf",
            "text/rtf", "application/rtf"),
        new Case("PNG", Fixtures.image("png"), "photo.png", "image/png", "image/png"),
        new Case("JPEG declared image/jpg", Fixtures.image("jpeg"), "photo.jpeg", "image/jpg", "image/jpeg"),
        new Case("GIF", Fixtures.image("gif"), "scan.gif", "image/gif", "image/gif"),
        new Case("TIFF", Fixtures.image("tiff"), "scan.tif", "image/tiff", "image/tiff"),
        new Case("UTF-8 text with parameters in the declared type", utf8("Gr\u00fc\u00dfe aus M\u00fcnchen\n"),
            "notes.txt", "text/plain; charset=UTF-8", "text/plain"),
        new Case("CSV declared as Excel (as Windows browsers do)", ascii("date,amount\n2025-06-03,120.00\n"),
            "ledger.csv", "application/vnd.ms-excel", "text/csv"),
        new Case("Markdown", ascii("# Timeline\n\n- 3 June: lease signed\n"), "timeline.md", "text/markdown",
            "text/markdown"),
        new Case("EML", Fixtures.eml(), "lease.eml", "message/rfc822", "message/rfc822"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptableUploads")
  void acceptsAndCommits(Case c) throws IOException {
    RecordingSink sink = new RecordingSink();

    InspectionResult result = new UploadInspector(UploadPolicy.defaults())
        .inspect(new ByteArrayInputStream(c.body()), c.fileName(), c.declaredType(), sink);

    assertThat(result).isInstanceOf(Accepted.class);
    Accepted accepted = (Accepted) result;
    assertThat(accepted.detectedType()).isEqualTo(c.expectedType());
    assertThat(accepted.sizeBytes()).isEqualTo(c.body().length);
    assertThat(accepted.sha256Hex()).isEqualTo(Fixtures.sha256(c.body()));
    assertThat(accepted.safeFileName()).isEqualTo(c.fileName());
    assertThat(sink.committed).isTrue();
    assertThat(sink.discarded).isFalse();
    assertThat(sink.stored()).isEqualTo(c.body());
  }

  @Test
  void safeFileNameIsNfcAndTrimmed() throws IOException {
    RecordingSink sink = new RecordingSink();

    InspectionResult result = new UploadInspector(UploadPolicy.defaults()).inspect(new ByteArrayInputStream(Fixtures.pdf()),
        "  Vertrag Mu\u0308ller.pdf ", "application/pdf", sink);

    assertThat(result).isInstanceOf(Accepted.class);
    assertThat(((Accepted) result).safeFileName()).isEqualTo("Vertrag M\u00fcller.pdf");
  }

  @Test
  void embeddedPackageIsScannedAndAcceptedWhenDepthTwoIsAllowed() throws IOException {
    Map<String, byte[]> parts = Fixtures.docxParts(Fixtures.DOCX_MAIN);
    parts.put("word/embeddings/Microsoft_Excel_Worksheet.xlsx", Fixtures.xlsx());
    byte[] body = Fixtures.zip(parts);
    UploadPolicy depthTwo = new UploadPolicy(1 << 30, UploadPolicy.defaults().allowedTypes(), 2, 1 << 30, 100);
    RecordingSink sink = new RecordingSink();

    InspectionResult result = new UploadInspector(depthTwo)
        .inspect(new ByteArrayInputStream(body), "brief.docx", null, sink);

    assertThat(result).isInstanceOf(Accepted.class);
    assertThat(sink.stored()).isEqualTo(body);
  }
}
