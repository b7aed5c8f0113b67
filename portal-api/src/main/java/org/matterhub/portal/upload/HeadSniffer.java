package org.matterhub.portal.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides from the head of the upload (its first {@link #HEAD_BYTES}) whether the content agrees with the
 * kind its name promises, and plans the {@link StreamCheck}s for the rest of the stream.
 *
 * <p>Two opinions are taken on the head: Apache Tika's magic-byte detector (tika-core, fed the bytes only,
 * never the file name, so the name cannot steer it) and this class's own structural checks. Both must
 * agree with the extension. In order:
 * <ol>
 *   <li>a program at offset 0 (MZ/PE, ELF, Mach-O, Java class, DEX, WebAssembly, .lnk; or any type Tika
 *       calls a program) is {@link RejectionReason#EXECUTABLE};
 *   <li>a shebang, or a type Tika calls a script or active web content (shell, batch, Python, Perl, PHP,
 *       JavaScript, VBScript, PowerShell, HTML, SVG) is {@link RejectionReason#SCRIPT};
 *   <li>an archive (7z, RAR, gzip, bzip2, xz, zstd, cab, tar; ZIP unless the kind is a ZIP-based document)
 *       is {@link RejectionReason#TYPE_MISMATCH};
 *   <li>{@code %PDF-} within the first 1024 bytes (where PDF readers look for it): for a PDF it must be at
 *       offset 0, after white space at most, or the file is a {@link RejectionReason#POLYGLOT} (if the
 *       header is anywhere in the head) or a mismatch; for any other kind it makes the file a polyglot
 *       (a PDF reader would open it too) or, at offset 0, a mismatch;
 *   <li>the family's own structure: see {@link FileKind.Family} and the checks planned below.
 * </ol>
 */
final class HeadSniffer {

  static final int HEAD_BYTES = 64 * 1024;
  private static final int PDF_HEADER_WINDOW = 1024;

  private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();
  private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();

  private static final Set<String> PROGRAM_TYPES = Set.of("application/x-msdownload", "application/x-dosexec",
      "application/x-executable", "application/x-elf", "application/x-sharedlib", "application/x-object",
      "application/x-coredump", "application/x-mach-o", "application/x-mach-o-executable",
      "application/x-mach-o-dylib", "application/x-mach-o-bundle", "application/x-mach-o-universal",
      "application/java-vm", "application/x-ms-shortcut", "application/vnd.microsoft.portable-executable",
      "application/x-msdos-program", "application/x-dex", "application/wasm", "application/java-archive");
  private static final Set<String> SCRIPT_TYPES = Set.of("application/x-sh", "application/x-csh",
      "application/x-bat", "text/x-python", "text/x-perl", "application/x-perl", "text/x-php",
      "application/x-httpd-php", "application/javascript", "text/javascript", "text/x-vbscript",
      "application/x-vbscript", "application/x-powershell", "text/html", "application/xhtml+xml",
      "image/svg+xml", "application/x-elc", "text/x-awk", "text/x-ruby", "application/x-ruby");

  private static final Pattern EMAIL_FIRST_LINE = Pattern.compile("^(?:From |[\\x21-\\x39\\x3B-\\x7E]+:)");
  private static final Pattern EMAIL_KEY_HEADER = Pattern.compile(
      "(?im)^(?:from|to|subject|date|received|message-id|mime-version|return-path|delivered-to):");

  private static final Signatures.Hit ALSO_ARCHIVE = new Signatures.Hit(RejectionReason.POLYGLOT,
      "The file also contains a ZIP archive, so it can be opened as another format; save it again from its "
          + "original application and upload the new copy.");
  private static final Signatures.Hit ALSO_PROGRAM = new Signatures.Hit(RejectionReason.POLYGLOT,
      "The file also contains a program, so it can be run as another format; save it again from its "
          + "original application and upload the new copy.");
  private static final Signatures.Hit ALSO_PDF = new Signatures.Hit(RejectionReason.POLYGLOT,
      "The file also contains a PDF, so it can be opened as another format; save it again from its "
          + "original application and upload the new copy.");
  private static final Signatures.Hit EMBEDDED_PROGRAM = new Signatures.Hit(RejectionReason.EXECUTABLE,
      "The document carries an embedded program; remove it and upload the document again.");
  private static final Signatures.Hit ENCRYPTED = new Signatures.Hit(RejectionReason.ENCRYPTED,
      "The document is password-protected or encrypted; remove the protection and upload it again.");

  private HeadSniffer() {}

  /** Checks the head and returns the checks for the whole stream (the head included). */
  static List<StreamCheck> plan(FileKind kind, byte[] head, int len, UploadPolicy policy) throws Refusal, IOException {
    MediaType tika = detect(head, len);
    String program = Signatures.executableAt0(head, len);
    if (program == null && isA(tika, PROGRAM_TYPES)) {
      program = "a program (" + tika + ")";
    }
    if (program != null) {
      throw new Refusal(RejectionReason.EXECUTABLE, "The file is " + program + ", not " + kind.describe()
          + "; programs are not accepted.");
    }
    int textStart = Signatures.startsWith(head, len, Signatures.UTF8_BOM) ? 3 : 0;
    if (Signatures.startsWithAt(head, len, textStart, Signatures.ascii("#!")) || isA(tika, SCRIPT_TYPES)) {
      throw new Refusal(RejectionReason.SCRIPT, "The file is a script" + (isA(tika, SCRIPT_TYPES) ? " (" + tika
          + ")" : "") + ", not " + kind.describe() + "; scripts are not accepted.");
    }
    String archive = Signatures.archiveAt0(head, len);
    boolean zipBased = kind.family == FileKind.Family.OOXML || kind.family == FileKind.Family.ODF;
    if (archive == null && !zipBased && Signatures.zipAt0(head, len)) {
      archive = isZip(tika) ? describe(tika) : "a ZIP archive";
    }
    if (archive != null) {
      throw new Refusal(RejectionReason.TYPE_MISMATCH, "The file is " + archive + ", not " + kind.describe()
          + "; archives are not accepted, upload the documents individually.");
    }
    checkPdfHeader(kind, head, len, tika);

    List<StreamCheck> checks = new ArrayList<>();
    switch (kind.family) {
      case PDF -> {
        List<ByteSearch.Needle<Signatures.Hit>> needles = foreign(false);
        for (String delimiter : List.of(" ", "\n", "\r", "\t", "\f", "<")) {
          needles.add(new ByteSearch.Needle<>(Signatures.ascii("/Encrypt" + delimiter), ENCRYPTED));
        }
        checks.add(new SearchCheck(needles, false));
      }
      case OLE -> {
        requireMagic(kind, Signatures.startsWith(head, len, Signatures.OLE) && isMsOffice(tika), tika);
        List<ByteSearch.Needle<Signatures.Hit>> needles = new ArrayList<>(Signatures.eicar());
        needles.addAll(Signatures.programs(EMBEDDED_PROGRAM));
        // PowerPoint 97-2003 CurrentUserAtom with the encrypted-document header token 0xF3D1C4DF.
        needles.add(new ByteSearch.Needle<>(new byte[] {0x14, 0, 0, 0, (byte) 0xDF, (byte) 0xC4, (byte) 0xD1,
            (byte) 0xF3}, ENCRYPTED));
        checks.add(new SearchCheck(needles, false));
        checks.add(new CompoundFileCheck(kind));
      }
      case OOXML, ODF -> {
        // The raw search runs first, so the ZIP worker is fed only bytes that passed it.
        checks.add(new SearchCheck(Signatures.eicar(), false));
        if (kind.family == FileKind.Family.OOXML && Signatures.startsWith(head, len, Signatures.OLE)
            && isMsOffice(tika)) {
          // An encrypted OOXML file is an OLE container holding EncryptedPackage; CompoundFileCheck refuses it as
          // encrypted, and anything else in an OLE container as a mismatch.
          checks.add(new CompoundFileCheck(kind));
        } else {
          requireMagic(kind, Signatures.startsWith(head, len, Signatures.ZIP_LOCAL) && isZip(tika), tika);
          checks.add(new ZipScanner(kind, policy));
        }
      }
      case RTF -> {
        requireMagic(kind, Signatures.startsWith(head, len, Signatures.RTF) && is(tika, kind.mediaType), tika);
        checks.add(new SearchCheck(foreign(false), false));
      }
      case IMAGE -> {
        FileKind image = imageKind(head, len);
        boolean tikaAgrees = is(tika, kind.mediaType) || kind == FileKind.HEIC && is(tika, "image/heif");
        if (image != kind || !tikaAgrees) {
          throw mismatch(kind, image != null ? image.describe() : describe(tika));
        }
        checks.add(new SearchCheck(foreign(true), false));
      }
      case TEXT -> {
        boolean utf16 = Signatures.startsWith(head, len, 0xFF, 0xFE) || Signatures.startsWith(head, len, 0xFE, 0xFF);
        if (!utf16 && !looksLikeText(head, len)) {
          throw mismatch(kind, describe(tika));
        }
        checks.add(new TextCheck(utf16, true));
        checks.add(new SearchCheck(foreign(false), false));
      }
      case EMAIL -> {
        if (!looksLikeText(head, len) || !(looksLikeEmail(head, len)
            || REGISTRY.isSpecializationOf(tika, MediaType.parse("message/rfc822")) || is(tika, "message/rfc822"))) {
          throw mismatch(kind, describe(tika));
        }
        checks.add(new TextCheck(false, false));
        checks.add(new SearchCheck(foreign(false), false));
      }
    }
    return checks;
  }

  private static void checkPdfHeader(FileKind kind, byte[] head, int len, MediaType tika) throws Refusal {
    int pdfAt = Signatures.indexOf(head, 0, Math.min(len, PDF_HEADER_WINDOW + Signatures.PDF_HEADER.length - 1),
        Signatures.PDF_HEADER);
    if (kind == FileKind.PDF) {
      if (pdfAt >= 0 && onlyWhiteSpace(head, pdfAt) && (pdfAt > 0 || is(tika, kind.mediaType))) {
        return;
      }
      if (Signatures.indexOf(head, 0, len, Signatures.PDF_HEADER) >= 0) {
        throw new Refusal(RejectionReason.POLYGLOT, "The PDF header is not at the start of the file, so the file "
            + "may be another format in disguise; save the PDF again (for example with \"Print to PDF\") and upload it.");
      }
      throw mismatch(kind, describe(tika));
    }
    if (pdfAt == 0) {
      throw mismatch(kind, FileKind.PDF.describe());
    }
    if (pdfAt > 0) {
      throw new Refusal(RejectionReason.POLYGLOT, "The file also carries a PDF header near its start, so it opens "
          + "both as " + kind.describe() + " and as a PDF; save it again from its original application.");
    }
  }

  /** EICAR, and the signatures that make a PDF, image, RTF or text file a second format too. */
  private static List<ByteSearch.Needle<Signatures.Hit>> foreign(boolean pdfToo) {
    List<ByteSearch.Needle<Signatures.Hit>> needles = new ArrayList<>(Signatures.eicar());
    needles.addAll(Signatures.zip(ALSO_ARCHIVE));
    needles.addAll(Signatures.programs(ALSO_PROGRAM));
    if (pdfToo) {
      needles.add(new ByteSearch.Needle<>(Signatures.PDF_HEADER, ALSO_PDF));
    }
    return needles;
  }

  private static void requireMagic(FileKind kind, boolean ok, MediaType tika) throws Refusal {
    if (!ok) {
      throw mismatch(kind, describe(tika));
    }
  }

  static Refusal mismatch(FileKind kind, String found) {
    return new Refusal(RejectionReason.TYPE_MISMATCH, "The file's content is " + found + ", but its name says "
        + kind.describe() + "; check that you chose the right file and that its extension is right.");
  }

  static MediaType detect(byte[] head, int len) throws IOException {
    return TIKA.detect(new ByteArrayInputStream(head, 0, len), new Metadata());
  }

  private static boolean is(MediaType type, String expected) {
    return type.getBaseType().toString().equals(expected);
  }

  /** ZIP, or a ZIP-based format Tika recognises (OOXML, ODF, ...). */
  private static boolean isZip(MediaType type) {
    MediaType zip = MediaType.application("zip");
    return type.getBaseType().equals(zip) || REGISTRY.isSpecializationOf(type, zip);
  }

  private static boolean isMsOffice(MediaType type) {
    MediaType ole = MediaType.application("x-tika-msoffice");
    return type.equals(ole) || REGISTRY.isSpecializationOf(type, ole);
  }

  /** Whether {@code type} or one of its supertypes is in {@code names}. */
  private static boolean isA(MediaType type, Set<String> names) {
    for (MediaType t = type; t != null; t = REGISTRY.getSupertype(t)) {
      if (names.contains(t.getBaseType().toString())) {
        return true;
      }
    }
    return false;
  }

  static String describe(MediaType type) {
    String base = type.getBaseType().toString();
    if (base.equals("application/x-tika-ooxml")) {
      return "an Office Open XML document";
    }
    if (base.equals("application/x-tika-msoffice")) {
      return "a Microsoft Office 97-2003 file";
    }
    return FileKind.forMediaType(base).map(FileKind::describe).orElseGet(() -> {
      if (isZip(type)) {
        return "a ZIP archive";
      }
      if (base.equals("application/octet-stream")) {
        return "binary data of an unknown type";
      }
      return "of type " + base;
    });
  }

  private static boolean onlyWhiteSpace(byte[] head, int end) {
    int i = Signatures.startsWith(head, end, Signatures.UTF8_BOM) ? 3 : 0;
    for (; i < end; i++) {
      byte c = head[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
        return false;
      }
    }
    return true;
  }

  static FileKind imageKind(byte[] h, int len) {
    if (Signatures.startsWith(h, len, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return FileKind.PNG;
    }
    if (Signatures.startsWith(h, len, 0xFF, 0xD8, 0xFF)) {
      return FileKind.JPEG;
    }
    if (Signatures.startsWith(h, len, 'G', 'I', 'F', '8', '7', 'a') || Signatures.startsWith(h, len, 'G', 'I', 'F',
        '8', '9', 'a')) {
      return FileKind.GIF;
    }
    if (Signatures.startsWith(h, len, 'I', 'I', 42, 0) || Signatures.startsWith(h, len, 'M', 'M', 0, 42)
        || Signatures.startsWith(h, len, 'I', 'I', 43, 0) || Signatures.startsWith(h, len, 'M', 'M', 0, 43)) {
      return FileKind.TIFF;
    }
    if (len >= 12 && Signatures.startsWith(h, len, 'R', 'I', 'F', 'F')
        && Signatures.startsWithAt(h, len, 8, Signatures.ascii("WEBP"))) {
      return FileKind.WEBP;
    }
    if (len >= 16 && Signatures.startsWithAt(h, len, 4, Signatures.ascii("ftyp")) && isHeifBrand(h, len)) {
      return FileKind.HEIC;
    }
    return null;
  }

  private static boolean isHeifBrand(byte[] h, int len) {
    Set<String> heic = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs");
    String major = new String(h, 8, 4, StandardCharsets.ISO_8859_1);
    if (heic.contains(major)) {
      return true;
    }
    if (!major.equals("mif1") && !major.equals("msf1")) {
      return false;
    }
    long boxSize = (h[0] & 0xffL) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
    int end = (int) Math.min(boxSize, len);
    for (int i = 16; i + 4 <= end; i += 4) {
      if (heic.contains(new String(h, i, 4, StandardCharsets.ISO_8859_1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Text if no NUL and hardly any other control characters (tab, line breaks, form feed, escape, backspace
   * and the DOS end-of-file mark are allowed); any 8-bit encoding passes, UTF-16 is recognised by its BOM
   * before this is called.
   */
  static boolean looksLikeText(byte[] h, int len) {
    int odd = 0;
    for (int i = 0; i < len; i++) {
      int c = h[i] & 0xff;
      if (c == 0) {
        return false;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B && c != 0x1B && c != 0x1A
          && c != 0x08) {
        odd++;
      }
    }
    return odd * 100L <= len;
  }

  static boolean looksLikeEmail(byte[] h, int len) {
    int start = Signatures.startsWith(h, len, Signatures.UTF8_BOM) ? 3 : 0;
    String text = new String(h, start, len - start, StandardCharsets.ISO_8859_1);
    int blank = text.indexOf("\n\n");
    int crlfBlank = text.indexOf("\r\n\r\n");
    int end = blank < 0 ? crlfBlank : crlfBlank < 0 ? blank : Math.min(blank, crlfBlank);
    String headers = end < 0 ? text : text.substring(0, end);
    return EMAIL_FIRST_LINE.matcher(headers).find() && EMAIL_KEY_HEADER.matcher(headers.toLowerCase(Locale.ROOT))
        .find();
  }
}
