package org.matterhub.portal.upload;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Streaming structural check of a ZIP-based document (OOXML docx/xlsx/pptx, ODF odt/ods/odp).
 *
 * <p>The upload is teed into a {@link BoundedPipe} read by one worker thread, which runs a
 * {@link ZipInputStream} over it: the upload goes on streaming to the sink while the entries are
 * decompressed into an 8 KiB buffer and discarded. Memory is bounded by the pipe (four chunks), the
 * inflater's window and the small per-entry checks below, never by the size of the upload or of an entry.
 *
 * <p>Per entry, at any depth: unsafe entry paths, {@code vbaProject.bin}/{@code vbaData.xml} and ODF
 * {@code Basic/}/{@code Scripts/} modules (macros), by name ({@link ZipEntryRules}); a {@code macroEnabled} or {@code vbaProject} content
 * type; ODF {@code encryption-data} in the manifest and ZIP-encrypted entries (encrypted); program file
 * names and program signatures anywhere in the content; the EICAR string in the decompressed content; an
 * archive at the start of an entry (a ZIP is scanned recursively while {@code depth <= maxArchiveDepth},
 * any other archive format is refused) or a ZIP signature inside it; embedded OLE objects are checked by
 * {@link CompoundFileCheck} for macros and encryption. Expansion is counted as it happens: the total across all
 * entries and levels against {@code maxExpandedBytes}, and the ratio of expanded to compressed bytes, per
 * entry and overall, against {@code maxCompressionRatio} once more than {@link #GRACE_BYTES} have expanded.
 *
 * <p>At the end the package must be what its name says: OOXML needs {@code [Content_Types].xml} declaring
 * exactly one main part of the expected kind; ODF needs a first entry {@code mimetype} with the expected
 * media type; a package that is both is a polyglot.
 *
 * <p>Limits of reading local headers in order, which is what makes streaming possible: Office and
 * LibreOffice open a package through its central directory at the end, which is not consulted. To keep
 * the two views equal, the local-header signatures in the raw stream are counted on the inspecting thread
 * and must equal the entries the scan saw (an entry reachable only from the central directory, hidden in
 * a gap or behind garbage, makes the counts differ and the upload is refused). Entries stored with a data
 * descriptor (rare, never written by Office) cannot be read by {@code ZipInputStream} and are refused as
 * damaged, as are compression methods other than stored and deflated. Bytes after the end of the central
 * directory are only searched for EICAR and local headers.
 */
final class ZipScanner implements StreamCheck {

  static final int MAX_ENTRIES = 10_000;
  static final long GRACE_BYTES = 1L << 20;
  private static final int ENTRY_HEAD = 512;
  private static final int BUFFER = 8 * 1024;

  private enum ContentType { DOCX, XLSX, PPTX, OTHER_MAIN, MACRO }

  private static final List<ByteSearch.Needle<ContentType>> CONTENT_TYPE_NEEDLES = List.of(
      needle("wordprocessingml.document.main+xml", ContentType.DOCX),
      needle("spreadsheetml.sheet.main+xml", ContentType.XLSX),
      needle("presentationml.presentation.main+xml", ContentType.PPTX),
      needle("wordprocessingml.template.main+xml", ContentType.OTHER_MAIN),
      needle("spreadsheetml.template.main+xml", ContentType.OTHER_MAIN),
      needle("presentationml.template.main+xml", ContentType.OTHER_MAIN),
      needle("presentationml.slideshow.main+xml", ContentType.OTHER_MAIN),
      needle("macroenabled", ContentType.MACRO),
      needle("vbaproject", ContentType.MACRO));

  private final FileKind expected;
  private final UploadPolicy policy;
  private final BoundedPipe pipe = new BoundedPipe();
  private final LocalHeaderCounter rawLocalHeaders = new LocalHeaderCounter();
  private final Thread worker;

  private volatile Refusal verdict;
  private volatile Throwable failure;
  private volatile boolean stopping;

  // Written by the worker, read by the inspecting thread after join().
  private long visibleEntries;
  private int totalEntries;
  private long totalExpanded;
  private boolean contentTypesSeen;
  private String odfMimetype;
  private final Set<ContentType> mainParts = EnumSet.noneOf(ContentType.class);
  private CountingInputStream raw;

  ZipScanner(FileKind expected, UploadPolicy policy) {
    this.expected = expected;
    this.policy = policy;
    this.worker = new Thread(this::run, "upload-zip-scan");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  @Override
  public void update(byte[] b, int off, int len) throws Refusal, IOException {
    throwIfDecided();
    rawLocalHeaders.update(b, off, len);
    pipe.write(b, off, len);
  }

  @Override
  public void finish() throws Refusal, IOException {
    pipe.close();
    join();
    throwIfDecided();
    if (rawLocalHeaders.count() != visibleEntries) {
      throw new Refusal(RejectionReason.POLYGLOT, "The document contains ZIP entries outside its normal structure "
          + "(hidden or overlapping entries); save it again from its application and upload the new copy.");
    }
    verifyPackage();
  }

  @Override
  public void close() {
    stopping = true;
    try {
      pipe.close();
    } catch (InterruptedIOException e) {
      pipe.release();
    }
    try {
      join();
    } catch (InterruptedIOException e) {
      // interrupt flag restored; the worker ends on its own once it reads the end of the pipe
    }
  }

  private void join() throws InterruptedIOException {
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while inspecting an upload");
    }
  }

  private void throwIfDecided() throws Refusal, IOException {
    if (verdict != null) {
      throw verdict;
    }
    if (failure != null) {
      throw new IOException("the upload could not be inspected", failure);
    }
  }

  private void verifyPackage() throws Refusal {
    boolean ooxml = contentTypesSeen;
    boolean odf = odfMimetype != null && odfMimetype.startsWith("application/vnd.oasis.opendocument.");
    if (ooxml && odf) {
      throw new Refusal(RejectionReason.POLYGLOT,
          "The file is both an Office Open XML and an OpenDocument package; save it again from its application.");
    }
    if (expected.family == FileKind.Family.OOXML) {
      Set<ContentType> mains = EnumSet.copyOf(mainParts);
      mains.remove(ContentType.MACRO);
      if (!ooxml) {
        throw mismatch(odf ? describeOdf() : "a ZIP archive");
      }
      if (mains.size() > 1) {
        throw new Refusal(RejectionReason.POLYGLOT,
            "The document declares several main parts (for example both a document and a workbook); "
                + "save it again from its application.");
      }
      FileKind found = mains.isEmpty() ? null : switch (mains.iterator().next()) {
        case DOCX -> FileKind.DOCX;
        case XLSX -> FileKind.XLSX;
        case PPTX -> FileKind.PPTX;
        default -> null;
      };
      if (found != expected) {
        throw mismatch(found == null ? "an Office template, show or other package" : found.describe());
      }
    } else {
      if (!odf) {
        throw mismatch(ooxml ? "an Office Open XML document" : "a ZIP archive");
      }
      if (!odfMimetype.equals(expected.mediaType)) {
        throw mismatch(describeOdf());
      }
    }
  }

  private String describeOdf() {
    return FileKind.forMediaType(odfMimetype).map(FileKind::describe).orElse("another OpenDocument file");
  }

  private Refusal mismatch(String found) {
    return new Refusal(RejectionReason.TYPE_MISMATCH, "The file is " + found + ", not " + expected.describe()
        + (found.equals("a ZIP archive") ? "; archives are not accepted, upload the documents individually."
            : "; check that you chose the right file and that its extension is right."));
  }

  // ---- worker thread ----

  private void run() {
    try {
      raw = new CountingInputStream(pipe.input());
      scanArchive(raw, 1, true);
    } catch (RefusedIO e) {
      verdict = e.refusal;
    } catch (Refusal r) {
      verdict = r;
    } catch (ZipException e) {
      if (!stopping) {
        verdict = String.valueOf(e.getMessage()).contains("encrypted")
            ? new Refusal(RejectionReason.ENCRYPTED,
                "The document is password-protected; remove the password and upload it again.")
            : damaged();
      }
    } catch (EOFException | IllegalArgumentException e) {
      if (!stopping) {
        verdict = damaged();
      }
    } catch (IOException | RuntimeException | Error e) {
      if (!stopping) {
        failure = e;
      }
    } finally {
      pipe.release();
    }
  }

  private Refusal damaged() {
    return new Refusal(RejectionReason.TYPE_MISMATCH, "The file does not have the structure of "
        + expected.describe() + " (damaged or unsupported ZIP content); save it again from its application.");
  }

  /**
   * Scans one ZIP level and consumes {@code source} to its end.
   *
   * @param rawVisible whether this level's bytes appear unchanged in the upload (top level, or a package
   *     stored uncompressed in a visible level), so that its local headers are among those counted raw
   */
  private void scanArchive(InputStream source, int depth, boolean rawVisible) throws IOException, Refusal {
    CountingInputStream counted = new CountingInputStream(source);
    ZipInputStream zip = new ZipInputStream(counted, StandardCharsets.UTF_8);
    boolean first = true;
    ZipEntry entry;
    while ((entry = zip.getNextEntry()) != null) {
      if (++totalEntries > MAX_ENTRIES) {
        throw ZipEntryRules.bomb("The document has more than " + MAX_ENTRIES + " parts");
      }
      if (rawVisible) {
        visibleEntries++;
      }
      String name = entry.getName();
      ZipEntryRules.check(name);
      Expanding content = new Expanding(zip, counted);
      byte[] head = content.readNBytes(ENTRY_HEAD);
      if (depth == 1 && first && name.equals("mimetype")) {
        odfMimetype = new String(head, StandardCharsets.US_ASCII).strip();
      }
      first = false;
      String program = Signatures.executableAt0(head, head.length);
      if (program != null) {
        throw ZipEntryRules.embeddedProgram(name);
      }
      if (Signatures.zipAt0(head, head.length)) {
        if (depth + 1 > policy.maxArchiveDepth()) {
          throw ZipEntryRules.nested(name);
        }
        // SequenceInputStream closes each part it finishes; the outer entry must stay open.
        InputStream rest = new FilterInputStream(content) {
          @Override
          public void close() {}
        };
        scanArchive(new SequenceInputStream(new ByteArrayInputStream(head), rest), depth + 1,
            rawVisible && entry.getMethod() == ZipEntry.STORED);
        continue;
      }
      if (Signatures.archiveAt0(head, head.length) != null) {
        throw ZipEntryRules.nested(name);
      }
      scanEntry(name, depth, head, content);
    }
    counted.transferTo(OutputStream.nullOutputStream());
  }

  private void scanEntry(String name, int depth, byte[] head, InputStream content) throws IOException, Refusal {
    List<StreamCheck> checks = new ArrayList<>();
    List<ByteSearch.Needle<Signatures.Hit>> needles = new ArrayList<>(Signatures.eicar());
    needles.addAll(Signatures.programs(new Signatures.Hit(RejectionReason.EXECUTABLE,
        "The document carries an embedded program (in \"" + ZipEntryRules.clip(name)
            + "\"); remove it and upload again.")));
    needles.addAll(Signatures.zip(new Signatures.Hit(RejectionReason.NESTED_ARCHIVE,
        "The document carries an embedded ZIP archive (in \"" + ZipEntryRules.clip(name)
            + "\"); remove it and upload again.")));
    checks.add(new SearchCheck(needles, false));
    if (Signatures.startsWith(head, head.length, Signatures.OLE)) {
      checks.add(new CompoundFileCheck(null));
    }
    ByteSearch<ContentType> contentTypes = null;
    if (name.equals("[Content_Types].xml")) {
      contentTypes = new ByteSearch<>(CONTENT_TYPE_NEEDLES, true);
      if (depth == 1) {
        contentTypesSeen = true;
      }
    }
    SearchCheck manifest = null;
    if (name.equals("META-INF/manifest.xml")) {
      manifest = new SearchCheck(List.of(new ByteSearch.Needle<>(Signatures.ascii("encryption-data"),
          new Signatures.Hit(RejectionReason.ENCRYPTED,
              "The document is password-protected; remove the password and upload it again."))), true);
      checks.add(manifest);
    }
    try {
      byte[] buf = new byte[BUFFER];
      byte[] chunk = head;
      int n = head.length;
      while (n >= 0) {
        for (StreamCheck check : checks) {
          check.update(chunk, 0, n);
        }
        if (contentTypes != null) {
          contentTypes.update(chunk, 0, n);
          if (contentTypes.found().contains(ContentType.MACRO)) {
            throw ZipEntryRules.macros();
          }
        }
        chunk = buf;
        n = content.read(buf);
      }
      for (StreamCheck check : checks) {
        check.finish();
      }
    } finally {
      for (StreamCheck check : checks) {
        check.close();
      }
    }
    if (contentTypes != null && depth == 1) {
      mainParts.addAll(contentTypes.found());
    }
  }

  private static ByteSearch.Needle<ContentType> needle(String text, ContentType tag) {
    return new ByteSearch.Needle<>(Signatures.ascii(text), tag);
  }

  /** An entry's decompressed bytes, counted against the expansion limits as they are read. */
  private final class Expanding extends FilterInputStream {
    private final CountingInputStream compressed;
    private final long compressedStart;
    private long expanded;

    Expanding(InputStream entry, CountingInputStream compressed) {
      super(entry);
      this.compressed = compressed;
      this.compressedStart = compressed.count();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        expanded += n;
        totalExpanded += n;
        double ratio = policy.maxCompressionRatio();
        if (totalExpanded > policy.maxExpandedBytes()) {
          throw new RefusedIO(ZipEntryRules.bomb("The document expands to more than "
              + UploadPolicy.describeBytes(policy.maxExpandedBytes())));
        }
        if (expanded > GRACE_BYTES && expanded > ratio * Math.max(1, compressed.count() - compressedStart)
            || totalExpanded > GRACE_BYTES && totalExpanded > ratio * Math.max(1, raw.count())) {
          throw new RefusedIO(ZipEntryRules.bomb("The document expands more than " + (long) ratio + " times"));
        }
      }
      return n;
    }
  }

  /** Carries a refusal through {@code InputStream.read}, which may only throw IOException. */
  private static final class RefusedIO extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    RefusedIO(Refusal refusal) {
      super(refusal.getMessage(), null);
      this.refusal = refusal;
    }
  }

  /** Counts the bytes read through it. */
  static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /**
   * Counts ZIP local file headers in the raw upload: {@code PK 03 04}, a "version needed" of 1.0 to 6.3
   * and a zero high byte. A small state machine, so matches across chunk boundaries count.
   */
  static final class LocalHeaderCounter {
    private int state;
    private long count;

    void update(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        int c = b[i] & 0xff;
        state = switch (state) {
          case 0 -> c == 'P' ? 1 : 0;
          case 1 -> c == 'K' ? 2 : c == 'P' ? 1 : 0;
          case 2 -> c == 3 ? 3 : c == 'P' ? 1 : 0;
          case 3 -> c == 4 ? 4 : c == 'P' ? 1 : 0;
          case 4 -> c >= 10 && c <= 63 ? 5 : c == 'P' ? 1 : 0;
          case 5 -> {
            if (c == 0) {
              count++;
            }
            yield c == 'P' ? 1 : 0;
          }
          default -> 0;
        };
      }
    }

    long count() {
      return count;
    }
  }
}
