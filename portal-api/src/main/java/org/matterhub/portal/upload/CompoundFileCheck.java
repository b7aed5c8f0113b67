package org.matterhub.portal.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Structural check of an OLE2 compound file (doc, xls, ppt, msg, and the OLE wrapper of an encrypted OOXML
 * file), read with Apache POI's POIFS.
 *
 * <p>A compound file's directory and streams lie anywhere in the file, chained through its FAT, which a forward
 * pass cannot follow. So the bytes are spooled, as they stream past, to a temporary file readable by its owner
 * only (deleted on {@link #close()}), which POI opens read-only at the end: POI reads the file's blocks from disk as
 * it walks, so the heap holds the FAT and the directory, never the streams. The directory is what grows with a
 * hostile file: every 128-byte record in the directory chain whose type says storage, stream or root becomes an
 * object of about half a kilobyte in POI, so such records are counted (at every 128-byte boundary, as directory
 * records always are) while spooling, and a file with more than {@value #MAX_DIRECTORY_RECORDS} of them is refused
 * before POI reads it: real documents have tens to a few thousand entries. What stays unbounded by the count is
 * POI's list of the directory's slots, one reference per 128 bytes of directory, at most 1/16 of the file's size.
 *
 * <p>Rules, at any depth of the directory tree (so embedded objects are seen too: a document embedding a
 * macro-enabled document is refused as macro-enabled): a storage or stream named {@code VBA},
 * {@code _VBA_PROJECT_CUR}, {@code _VBA_PROJECT} or {@code Macros} means macros; {@code EncryptedPackage} means an
 * encrypted OOXML file; a {@code WordDocument} stream whose FIB has its fEncrypted flag, or a
 * {@code Workbook}/{@code Book} stream whose BIFF8 BOF is followed by FILEPASS, means a password-protected legacy
 * document. At the end the root must hold the main stream of the expected kind ({@code WordDocument},
 * {@code Workbook}/{@code Book}, {@code PowerPoint Document}, or Outlook's {@code __properties_version1.0} /
 * {@code __substg1.0_*}); a file POI cannot read as a compound file is refused as damaged.
 *
 * <p>Limits: Excel 4.0 (XLM) macro sheets and PowerPoint 97 VBA (stored inside the presentation stream) are not
 * recognised; legacy PowerPoint encryption is caught by the CryptSession signature in {@link HeadSniffer}'s plan,
 * not here.
 */
final class CompoundFileCheck implements StreamCheck {

  static final int MAX_DIRECTORY_RECORDS = 20_000;
  private static final int RECORD = 128;

  private final FileKind expected;
  private Path spool;
  private OutputStream out;
  private final byte[] record = new byte[RECORD];
  private int fill;
  private long directoryRecords;

  private boolean wordDocument;
  private boolean workbook;
  private boolean powerPoint;
  private boolean outlook;

  /**
   * @param expected the kind the name promises, or {@code null} for an OLE object embedded in a package
   *     (then only macros and encryption are checked)
   */
  CompoundFileCheck(FileKind expected) {
    this.expected = expected;
  }

  @Override
  public void update(byte[] b, int off, int len) throws Refusal, IOException {
    if (out == null) {
      spool = Files.createTempFile("matterhub-ole-", ".upload");
      out = Files.newOutputStream(spool);
    }
    out.write(b, off, len);
    while (len > 0) {
      int n = Math.min(len, RECORD - fill);
      System.arraycopy(b, off, record, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == RECORD) {
        fill = 0;
        if (becomesAnEntry(record)) {
          directoryRecords++;
        }
      }
    }
    if (directoryRecords > MAX_DIRECTORY_RECORDS) {
      throw new Refusal(RejectionReason.TYPE_MISMATCH, "The document's structure has more parts than the portal "
          + "inspects; save it again from its application, or as a PDF, and upload that.");
    }
  }

  @Override
  public void finish() throws Refusal, IOException {
    if (out == null) {
      throw damaged();
    }
    out.close();
    try (POIFSFileSystem fs = new POIFSFileSystem(spool.toFile(), true)) {
      examine(fs.getRoot(), true);
    } catch (IOException | RuntimeException e) {
      throw damaged();
    }
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

  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // the file is deleted below
    }
    try {
      if (spool != null) {
        Files.deleteIfExists(spool);
      }
    } catch (IOException ignored) {
      // the temporary directory's own clean-up removes it
    }
  }

  private void examine(DirectoryNode dir, boolean root) throws IOException, Refusal {
    for (Entry entry : dir) {
      String name = entry.getName();
      switch (name) {
        case "VBA", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "Macros" -> throw new Refusal(
            RejectionReason.MACRO_ENABLED,
            "The document contains macros; save it without macros (or as a PDF) and upload it again.");
        case "EncryptedPackage" -> throw encrypted();
        case "WordDocument" -> {
          wordDocument |= root;
          if (entry.isDocumentEntry() && encryptedWordFib(start(dir, entry, 12))) {
            throw encrypted();
          }
        }
        case "Workbook", "Book" -> {
          workbook |= root;
          if (entry.isDocumentEntry() && filePassAfterBof(start(dir, entry, 22))) {
            throw encrypted();
          }
        }
        case "PowerPoint Document" -> powerPoint |= root;
        case "__properties_version1.0" -> outlook |= root;
        default -> outlook |= root && name.startsWith("__substg1.0_");
      }
      if (entry instanceof DirectoryNode storage) {
        examine(storage, false);
      }
    }
  }

  /**
   * Whether POI would make an entry of this 128-byte record, were it in the directory chain: its type (offset 66)
   * says storage (1), stream (2) or root (5), and its name length (offset 64) fits the record (POI fails on a
   * longer one). Random data has such a record about once in 40,000.
   */
  private static boolean becomesAnEntry(byte[] r) {
    int type = r[66];
    return (type == 1 || type == 2 || type == 5) && u16(r, 64) <= 2 * 64 + 3;
  }

  /** The first {@code n} bytes of a stream (fewer if it is shorter). */
  private static byte[] start(DirectoryNode dir, Entry entry, int n) throws IOException {
    try (InputStream in = dir.createDocumentInputStream(entry)) {
      return in.readNBytes(n);
    }
  }

  /** Word's FIB: wIdent 0xA5EC, a plausible nFib, and fEncrypted (bit 0 of byte 0x0B). */
  private static boolean encryptedWordFib(byte[] fib) {
    return fib.length >= 12 && u16(fib, 0) == 0xA5EC && u16(fib, 2) >= 0x65 && u16(fib, 2) <= 0x200
        && (fib[0x0B] & 0x01) != 0;
  }

  /** Excel's BIFF8 BOF record (0x0809, 16 bytes, version 0x0600) followed by FILEPASS (0x002F). */
  private static boolean filePassAfterBof(byte[] biff) {
    return biff.length >= 22 && u16(biff, 0) == 0x0809 && u16(biff, 2) == 16 && u16(biff, 4) == 0x0600
        && u16(biff, 20) == 0x002F;
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

  private Refusal damaged() {
    return new Refusal(RejectionReason.TYPE_MISMATCH, expected == null
        ? "The document carries an embedded object that cannot be read (damaged or unsupported); save it again "
            + "from its application."
        : "The file does not have the structure of " + expected.describe() + " (damaged or unsupported compound "
            + "file); save it again from its application.");
  }

  private static Refusal encrypted() {
    return new Refusal(RejectionReason.ENCRYPTED,
        "The document is password-protected; remove the password and upload it again.");
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }
}
