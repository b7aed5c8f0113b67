package org.matterhub.portal.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Inspects a client's upload while streaming it into an {@link UploadSink}, and decides whether it may be
 * stored. Thread-safe; one instance serves all uploads.
 *
 * <p>Order of the rules: the file name ({@link FileNames}); the extension's kind against the allowlist
 * (program, script, macro-enabled and archive extensions are refused by name); the declared content type
 * against the kind ({@link FileKind#acceptsDeclared}); then the content. The first {@value HeadSniffer#HEAD_BYTES}
 * bytes are read before the sink is opened, so content refused on its head (a renamed program, a script, a
 * mismatch, a polyglot) never reaches the sink at all. From there on each chunk is checked, then written:
 * size against {@link UploadPolicy#maxBytes()} (reading stops at the first chunk beyond it), SHA-256, the
 * EICAR test signature, and the family's own streaming checks ({@link ZipScanner}, {@link CompoundFileCheck},
 * {@link TextCheck}, signature searches for PDF encryption and embedded archives or programs).
 *
 * <p>Memory per inspection is bounded by design and independent of the upload's size: the head buffer and
 * one read buffer of 64 KiB each, each signature search's window of 64 KiB plus its longest pattern, the
 * ZIP pipe's four chunks and the inflater's buffers; a compound file (doc, xls, ppt, msg) is spooled to a
 * temporary file that POI reads at the end, holding only its FAT and directory, whose size is capped.
 */
public final class UploadInspector {

  static final int CHUNK = 64 * 1024;

  private final UploadPolicy policy;

  public UploadInspector(UploadPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Streams the upload through inspection into the sink; returns the verdict. Reads the stream exactly once,
   * never holds the whole file in memory (a 1 GiB upload must pass with a 256 MiB heap), and on rejection
   * the sink is told to discard.
   *
   * <p>On rejection the body is left where reading stopped (it is not drained, nor closed: the caller owns
   * it). On an {@link IOException} from the body or the sink, the sink is told to discard and the exception
   * is rethrown; so is any unexpected failure of the inspection itself, which never counts as acceptance.
   */
  public InspectionResult inspect(InputStream body, String declaredFileName, String declaredContentType,
      UploadSink sink) throws IOException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sink, "sink");
    List<StreamCheck> checks = List.of();
    OutputStream out = null;
    boolean committed = false;
    try {
      FileNames.Checked name = FileNames.check(declaredFileName);
      FileKind kind = kindOf(name.extension());
      if (!kind.acceptsDeclared(FileKind.normaliseDeclared(declaredContentType))) {
        throw new Refusal(RejectionReason.TYPE_MISMATCH, "The file was sent as \""
            + FileKind.normaliseDeclared(declaredContentType) + "\" but its name says " + kind.describe()
            + "; upload it again, or rename it to the extension of its real type.");
      }

      byte[] head = new byte[Math.min(HeadSniffer.HEAD_BYTES, (int) Math.min(Integer.MAX_VALUE, policy.maxBytes() + 1))];
      int headLen = body.readNBytes(head, 0, head.length);
      if (headLen == 0) {
        throw new Refusal(RejectionReason.EMPTY, "The file is empty; choose the file again and upload it.");
      }
      if (headLen > policy.maxBytes()) {
        throw tooLarge();
      }
      MessageDigest sha256 = sha256();
      sha256.update(head, 0, headLen);
      checks = HeadSniffer.plan(kind, head, headLen, policy);
      for (StreamCheck check : checks) {
        check.update(head, 0, headLen);
      }
      out = sink.open();
      out.write(head, 0, headLen);

      long total = headLen;
      byte[] buf = new byte[CHUNK];
      int n;
      while ((n = body.read(buf)) != -1) {
        total += n;
        if (total > policy.maxBytes()) {
          throw tooLarge();
        }
        sha256.update(buf, 0, n);
        for (StreamCheck check : checks) {
          check.update(buf, 0, n);
        }
        out.write(buf, 0, n);
      }
      for (StreamCheck check : checks) {
        check.finish();
      }
      out.close();
      out = null;
      sink.commit();
      committed = true;
      return new Accepted(name.safeName(), kind.mediaType, total, HexFormat.of().formatHex(sha256.digest()));
    } catch (Refusal refusal) {
      return refusal.rejected();
    } finally {
      for (StreamCheck check : checks) {
        check.close();
      }
      if (out != null) {
        try {
          out.close();
        } catch (IOException | RuntimeException e) {
          // the staged bytes are discarded below
        }
      }
      if (!committed) {
        sink.discard();
      }
    }
  }

  private FileKind kindOf(String extension) throws Refusal {
    if (FileNames.EXECUTABLE_EXTENSIONS.contains(extension)) {
      throw new Refusal(RejectionReason.EXECUTABLE, "Programs (." + extension + ") are not accepted.");
    }
    if (FileNames.SCRIPT_EXTENSIONS.contains(extension)) {
      throw new Refusal(RejectionReason.SCRIPT, "Scripts and web pages (." + extension + ") are not accepted; "
          + "send a PDF instead.");
    }
    if (FileNames.MACRO_EXTENSIONS.contains(extension)) {
      throw new Refusal(RejectionReason.MACRO_ENABLED, "Macro-enabled Office files (." + extension
          + ") are not accepted; save it as .docx, .xlsx or .pptx (without macros) and upload that.");
    }
    if (FileNames.ARCHIVE_EXTENSIONS.contains(extension)) {
      throw new Refusal(RejectionReason.TYPE_NOT_ALLOWED, "Archives (." + extension
          + ") are not accepted; upload the documents individually.");
    }
    FileKind kind = FileKind.forExtension(extension).orElseThrow(() -> notAllowed(extension));
    if (!policy.allowedTypes().contains(kind.mediaType)) {
      throw notAllowed(extension);
    }
    return kind;
  }

  private Refusal notAllowed(String extension) {
    return new Refusal(RejectionReason.TYPE_NOT_ALLOWED, "Files of type ." + extension + " are not accepted; "
        + "upload PDF, Office, OpenDocument, RTF, image, text or email files.");
  }

  private Refusal tooLarge() {
    return new Refusal(RejectionReason.TOO_LARGE, "The file is larger than the limit of "
        + UploadPolicy.describeBytes(policy.maxBytes()) + "; split it or compress its images and upload again.");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
