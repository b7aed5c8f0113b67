package org.matterhub.portal.upload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Magic numbers and in-stream signatures, and the verdict each one implies. */
final class Signatures {

  /** A pattern's verdict. */
  record Hit(RejectionReason reason, String detail) {
    Refusal refusal() {
      return new Refusal(reason, detail);
    }
  }

  static final byte[] PDF_HEADER = ascii("%PDF-");
  static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
  static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
  static final byte[] ZIP_SPANNED = {'P', 'K', 7, 8};
  static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
  static final byte[] RTF = ascii("{\\rtf");
  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * The EICAR anti-virus test string, assembled at run time so that this class file does not itself
   * contain the signature (scanners would quarantine the jar).
   */
  static final byte[] EICAR = ascii(new StringBuilder(
      "*H+H$!ELIF-TSET-SURIVITNA-DRADNATS-RACIE$}7)CC7)^P(45XZP\\4[PA@%P!O5X").reverse().toString());

  private static final Hit EICAR_HIT = new Hit(RejectionReason.MALWARE_SIGNATURE,
      "The file contains a known malware test signature (EICAR) and was refused.");

  private Signatures() {}

  /** Which program format starts the bytes, or {@code null}. */
  static String executableAt0(byte[] h, int len) {
    if (startsWith(h, len, 'M', 'Z')) {
      return "a Windows program (MZ/PE)";
    }
    if (startsWith(h, len, 0x7F, 'E', 'L', 'F')) {
      return "a Linux program (ELF)";
    }
    if (startsWith(h, len, 0xFE, 0xED, 0xFA, 0xCE) || startsWith(h, len, 0xFE, 0xED, 0xFA, 0xCF)
        || startsWith(h, len, 0xCE, 0xFA, 0xED, 0xFE) || startsWith(h, len, 0xCF, 0xFA, 0xED, 0xFE)) {
      return "a macOS program (Mach-O)";
    }
    if (startsWith(h, len, 0xCA, 0xFE, 0xBA, 0xBE)) {
      return "a Java class or macOS universal program";
    }
    if (startsWith(h, len, 'd', 'e', 'x', '\n')) {
      return "an Android program (DEX)";
    }
    if (startsWith(h, len, 0, 'a', 's', 'm')) {
      return "a WebAssembly program";
    }
    if (startsWith(h, len, 0x4C, 0, 0, 0, 0x01, 0x14, 0x02, 0)) {
      return "a Windows shortcut (.lnk)";
    }
    return null;
  }

  /** Which non-ZIP archive format starts the bytes, or {@code null}. */
  static String archiveAt0(byte[] h, int len) {
    if (startsWith(h, len, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
      return "a 7-Zip archive";
    }
    if (startsWith(h, len, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
      return "a RAR archive";
    }
    if (startsWith(h, len, 0x1F, 0x8B)) {
      return "a gzip archive";
    }
    if (startsWith(h, len, 'B', 'Z', 'h')) {
      return "a bzip2 archive";
    }
    if (startsWith(h, len, 0xFD, '7', 'z', 'X', 'Z', 0)) {
      return "an xz archive";
    }
    if (startsWith(h, len, 0x28, 0xB5, 0x2F, 0xFD)) {
      return "a Zstandard archive";
    }
    if (startsWith(h, len, 'M', 'S', 'C', 'F')) {
      return "a Windows cabinet archive";
    }
    if (len >= 262 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
      return "a tar archive";
    }
    return null;
  }

  static boolean zipAt0(byte[] h, int len) {
    return startsWith(h, len, ZIP_LOCAL) || startsWith(h, len, ZIP_EMPTY) || startsWith(h, len, ZIP_SPANNED);
  }

  /** The EICAR test signature. */
  static List<ByteSearch.Needle<Hit>> eicar() {
    return List.of(new ByteSearch.Needle<>(EICAR, EICAR_HIT));
  }

  /**
   * Signatures of a ZIP archive: a local file header with a plausible "version needed" field, or an end
   * of central directory record on disk 0. Six to eight fixed bytes keep chance matches in compressed
   * data to about one in 2^48 per position.
   */
  static List<ByteSearch.Needle<Hit>> zip(Hit hit) {
    List<ByteSearch.Needle<Hit>> out = new ArrayList<>();
    for (int version : new int[] {10, 11, 20, 45, 46, 50, 51, 63}) {
      out.add(new ByteSearch.Needle<>(new byte[] {'P', 'K', 3, 4, (byte) version, 0}, hit));
    }
    out.add(new ByteSearch.Needle<>(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0}, hit));
    return out;
  }

  /** Signatures of an embedded program: the PE header with a common machine type, the DOS stub, ELF, Mach-O. */
  static List<ByteSearch.Needle<Hit>> programs(Hit hit) {
    List<ByteSearch.Needle<Hit>> out = new ArrayList<>();
    for (int[] machine : new int[][] {{0x4C, 0x01}, {0x64, 0x86}, {0x64, 0xAA}, {0xC4, 0x01}}) {
      out.add(new ByteSearch.Needle<>(new byte[] {'P', 'E', 0, 0, (byte) machine[0], (byte) machine[1]}, hit));
    }
    out.add(new ByteSearch.Needle<>(ascii("This program cannot be run in DOS mode"), hit));
    for (int cls = 1; cls <= 2; cls++) {
      for (int endian = 1; endian <= 2; endian++) {
        out.add(new ByteSearch.Needle<>(new byte[] {0x7F, 'E', 'L', 'F', (byte) cls, (byte) endian, 1}, hit));
      }
    }
    out.add(new ByteSearch.Needle<>(new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE, 7, 0, 0, 1}, hit));
    out.add(new ByteSearch.Needle<>(new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE, 12, 0, 0, 1}, hit));
    return out;
  }

  static boolean startsWith(byte[] h, int len, byte[] magic) {
    return startsWithAt(h, len, 0, magic);
  }

  static boolean startsWithAt(byte[] h, int len, int at, byte[] magic) {
    if (at < 0 || len - at < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (h[at + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWith(byte[] h, int len, int... magic) {
    if (len < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((h[i] & 0xff) != (magic[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code pattern} in {@code h[from, to)}, or -1. */
  static int indexOf(byte[] h, int from, int to, byte[] pattern) {
    for (int i = Math.max(0, from); i + pattern.length <= to; i++) {
      if (startsWithAt(h, to, i, pattern)) {
        return i;
      }
    }
    return -1;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
