package org.matterhub.portal.upload;

import java.nio.charset.StandardCharsets;

/**
 * Streaming structural check of an OLE2 compound file (doc, xls, ppt, msg, and the OLE wrapper of an
 * encrypted OOXML file).
 *
 * <p>A compound file's directory lives in sectors that may lie anywhere in the file and are chained through
 * the FAT, which a single forward pass cannot follow. But directory entries are 128-byte records that always
 * start at a 128-byte-aligned file offset (sectors are 512 or 4096 bytes and follow a header of the same
 * size), and they have a rigid shape: a NUL-terminated UTF-16LE name of at most 31 characters, its byte
 * length, an object type of 1, 2 or 5 and a colour of 0 or 1. So every aligned record is tested against
 * that shape as it streams past, holding 128 bytes; no directory entry can be missed. A data record that
 * happens to have the same shape and one of the names below could cause a false rejection, never a miss.
 *
 * <p>Rules: a storage or stream named {@code VBA}, {@code _VBA_PROJECT_CUR}, {@code _VBA_PROJECT} or
 * {@code Macros} means macros; {@code EncryptedPackage} means an encrypted OOXML file; a Word FIB with its
 * fEncrypted flag or an Excel BIFF8 workbook that starts with FILEPASS, at a sector start, means a
 * password-protected legacy document. At the end the directory must contain the main stream of the
 * expected kind ({@code WordDocument}, {@code Workbook}/{@code Book}, {@code PowerPoint Document}, or
 * Outlook's {@code __properties_version1.0}/{@code __substg1.0_*}). Embedded objects are seen too: a
 * document embedding a macro-enabled document is refused as macro-enabled.
 *
 * <p>Limits: Excel 4.0 (XLM) macro sheets and PowerPoint 97 VBA (stored inside the presentation stream)
 * are not recognised; legacy PowerPoint encryption is caught by the CryptSession signature in
 * {@link HeadSniffer}'s plan, not here.
 */
final class OleScanner implements StreamCheck {

  private static final int RECORD = 128;

  private final FileKind expected;
  private final int headerSize;
  private final int sectorSize;
  private final byte[] record = new byte[RECORD];
  private int fill;
  private long recordOffset;

  private boolean wordDocument;
  private boolean workbook;
  private boolean powerPoint;
  private boolean outlook;

  /**
   * @param expected the kind the name promises, or {@code null} for an OLE object embedded in a package
   *     (then only macros and encryption are checked)
   * @param head the first bytes of the compound file (at least its 512-byte header, if it has one)
   */
  OleScanner(FileKind expected, byte[] head, int headLen) {
    this.expected = expected;
    int shift = headLen >= 0x20 ? (head[0x1E] & 0xff) | (head[0x1F] & 0xff) << 8 : 9;
    this.sectorSize = shift == 12 ? 4096 : 512;
    this.headerSize = sectorSize;
  }

  @Override
  public void update(byte[] b, int off, int len) throws Refusal {
    while (len > 0) {
      int n = Math.min(len, RECORD - fill);
      System.arraycopy(b, off, record, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == RECORD) {
        if (recordOffset >= headerSize) {
          examine();
        }
        recordOffset += RECORD;
        fill = 0;
      }
    }
  }

  private void examine() throws Refusal {
    if (recordOffset % sectorSize == 0) {
      examineSectorStart();
    }
    int nameBytes = u16(64);
    int type = record[66];
    int colour = record[67];
    if (nameBytes < 4 || nameBytes > 64 || (nameBytes & 1) != 0 || (type != 1 && type != 2 && type != 5)
        || (colour != 0 && colour != 1) || record[nameBytes - 2] != 0 || record[nameBytes - 1] != 0) {
      return;
    }
    for (int i = 0; i < nameBytes - 2; i += 2) {
      if (record[i] == 0 && record[i + 1] == 0) {
        return;
      }
    }
    String name = new String(record, 0, nameBytes - 2, StandardCharsets.UTF_16LE);
    switch (name) {
      case "VBA", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "Macros" -> throw new Refusal(RejectionReason.MACRO_ENABLED,
          "The document contains macros; save it without macros (or as a PDF) and upload it again.");
      case "EncryptedPackage" -> throw encrypted();
      case "WordDocument" -> wordDocument = true;
      case "Workbook", "Book" -> workbook = true;
      case "PowerPoint Document" -> powerPoint = true;
      case "__properties_version1.0" -> outlook = true;
      default -> {
        if (name.startsWith("__substg1.0_")) {
          outlook = true;
        }
      }
    }
  }

  /** Word's FIB and Excel's BOF start their streams, and big streams start at a sector boundary. */
  private void examineSectorStart() throws Refusal {
    boolean wordFib = u16(0) == 0xA5EC && u16(2) >= 0x65 && u16(2) <= 0x200;
    if (wordFib && (record[0x0B] & 0x01) != 0) {
      throw encrypted();
    }
    boolean biff8Bof = u16(0) == 0x0809 && u16(2) == 16 && u16(4) == 0x0600;
    if (biff8Bof && u16(20) == 0x002F) {
      throw encrypted();
    }
  }

  @Override
  public void finish() throws Refusal {
    if (expected == null) {
      return;
    }
    boolean matches = switch (expected) {
      case DOC -> wordDocument;
      case XLS -> workbook;
      case PPT -> powerPoint;
      case MSG -> outlook;
      default -> false;
    };
    if (!matches) {
      throw new Refusal(RejectionReason.TYPE_MISMATCH, "The file is " + describeFound() + ", not "
          + expected.describe() + "; check that you chose the right file and that its extension is right.");
    }
  }

  private String describeFound() {
    if (outlook) {
      return FileKind.MSG.describe();
    }
    if (wordDocument) {
      return FileKind.DOC.describe();
    }
    if (workbook) {
      return FileKind.XLS.describe();
    }
    if (powerPoint) {
      return FileKind.PPT.describe();
    }
    return "a Microsoft compound file of another kind (for example an installer)";
  }

  private static Refusal encrypted() {
    return new Refusal(RejectionReason.ENCRYPTED,
        "The document is password-protected; remove the password and upload it again.");
  }

  private int u16(int at) {
    return (record[at] & 0xff) | (record[at + 1] & 0xff) << 8;
  }
}
