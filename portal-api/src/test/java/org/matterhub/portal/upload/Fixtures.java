package org.matterhub.portal.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Uploads generated in code: real minimal documents, and hostile variants of them. */
final class Fixtures {

  static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
  static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  static final String DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml";

  private Fixtures() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] repeat(String s, int times) {
    return ascii(s.repeat(times));
  }

  /** The EICAR test string, assembled so that this class file does not contain it. */
  static byte[] eicar() {
    return Signatures.EICAR.clone();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- PDF ----

  /** A valid one-page PDF with a correct xref table; {@code trailerExtra} goes into the trailer dictionary. */
  static byte[] pdf(String pageText, String trailerExtra, String... extraObjects) {
    StringBuilder out = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
    String content = "BT /F1 12 Tf 72 720 Td (" + pageText + ") Tj ET";
    List<String> objects = new ArrayList<>(List.of(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            + " /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    objects.addAll(List.of(extraObjects));
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.length());
      out.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int xref = out.length();
    out.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      out.append(String.format("%010d 00000 n \n", offset));
    }
    out.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R").append(trailerExtra)
        .append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    return ascii(out.toString());
  }

  static byte[] pdf() {
    return pdf("Engagement letter", "");
  }

  static byte[] encryptedPdf() {
    return pdf("secret", " /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <00> /U <00> >>");
  }

  // ---- ZIP, OOXML, ODF ----

  /** A ZIP with the given entries, in order, deflated unless the name is "mimetype". */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (e.getKey().equals("mimetype")) {
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String contentTypes(String mainType, String... extra) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"" + mainType + "\"/>"
        + String.join("", extra) + "</Types>";
  }

  /** The parts of a minimal valid Word document; callers may add or replace parts. */
  static Map<String, byte[]> docxParts(String mainType) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", utf8(contentTypes(mainType)));
    parts.put("_rels/.rels", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        + "officeDocument\" Target=\"word/document.xml\"/></Relationships>"));
    parts.put("word/document.xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        + "<w:body><w:p><w:r><w:t>Statement of claim</w:t></w:r></w:p></w:body></w:document>"));
    return parts;
  }

  static byte[] docx() {
    return zip(docxParts(DOCX_MAIN));
  }

  static byte[] docxWith(String name, byte[] content) {
    Map<String, byte[]> parts = docxParts(DOCX_MAIN);
    parts.put(name, content);
    return zip(parts);
  }

  static byte[] xlsx() {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", utf8(contentTypes(XLSX_MAIN).replace("/word/document.xml", "/xl/workbook.xml")));
    parts.put("xl/workbook.xml", utf8("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"));
    return zip(parts);
  }

  static byte[] odt(Map<String, byte[]> extra) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("mimetype", ascii("application/vnd.oasis.opendocument.text"));
    parts.put("content.xml", utf8("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:"
        + "office:1.0\" office:version=\"1.2\"><office:body><office:text/></office:body></office:document-content>"));
    parts.put("META-INF/manifest.xml", utf8("<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:"
        + "xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type="
        + "\"application/vnd.oasis.opendocument.text\"/></manifest:manifest>"));
    parts.putAll(extra);
    return zip(parts);
  }

  /** Sets the "encrypted" flag on every local and central header, as a password-protected ZIP has it. */
  static byte[] markEncrypted(byte[] zip) {
    byte[] out = zip.clone();
    for (int i = 0; i + 4 <= out.length; i++) {
      if (out[i] == 'P' && out[i + 1] == 'K' && out[i + 2] == 3 && out[i + 3] == 4) {
        out[i + 6] |= 1;
      } else if (out[i] == 'P' && out[i + 1] == 'K' && out[i + 2] == 1 && out[i + 3] == 2) {
        out[i + 8] |= 1;
      }
    }
    return out;
  }

  // ---- OLE2 compound files ----

  /**
   * A compound file written by Apache POI with the given entries at its root: the directory shape that Word,
   * Excel, PowerPoint and Outlook files have. Names starting with '+' are storages, others streams holding
   * their own name (the first stream holds {@code firstStream} instead, when it is given).
   */
  static byte[] ole(String... names) {
    return ole(new byte[0], names);
  }

  static byte[] ole(byte[] firstStream, String... names) {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      boolean first = true;
      for (String name : names) {
        if (name.startsWith("+")) {
          fs.createDirectory(name.substring(1));
        } else {
          byte[] content = first && firstStream.length > 0 ? firstStream : utf8(name);
          fs.createDocument(new ByteArrayInputStream(content), name);
          first = false;
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of a Word 97 WordDocument stream (FIB) with the fEncrypted flag set. */
  static byte[] encryptedWordFib() {
    byte[] fib = new byte[32];
    fib[0] = (byte) 0xEC;
    fib[1] = (byte) 0xA5;
    fib[2] = (byte) 0xC1;
    fib[0x0B] = 0x01;
    return fib;
  }

  // ---- programs ----

  static byte[] windowsExe() {
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    exe[0x3C] = (byte) 0x80;
    byte[] stub = ascii("This program cannot be run in DOS mode.\r\r\n$");
    System.arraycopy(stub, 0, exe, 0x4E, stub.length);
    byte[] pe = {'P', 'E', 0, 0, 0x64, (byte) 0x86};
    System.arraycopy(pe, 0, exe, 0x80, pe.length);
    return exe;
  }

  static byte[] elf() {
    byte[] elf = new byte[128];
    byte[] ident = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
    System.arraycopy(ident, 0, elf, 0, ident.length);
    elf[16] = 2;
    elf[18] = 0x3E;
    return elf;
  }

  static byte[] javaClass() {
    return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 10};
  }

  // ---- images, text, email ----

  static byte[] image(String format) {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0x336699);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] eml() {
    return ascii("Return-Path: <client@example.com>\r\nFrom: Client <client@example.com>\r\n"
        + "To: Counsel <counsel@firm.example>\r\nSubject: Signed lease\r\nDate: Tue, 3 Jun 2025 10:00:00 +0000\r\n"
        + "Message-ID: <1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        + "Please find the lease attached.\r\n");
  }

  /** {@code size} bytes of lower-case letters from a fixed seed: text that contains no signature. */
  static byte[] letters(int size, long seed) {
    Random random = new Random(seed);
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) ('a' + random.nextInt(26));
    }
    return out;
  }

  /** Bytes that deflate badly (about 1:1). */
  static byte[] incompressible(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }
}
