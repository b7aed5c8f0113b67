package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large uploads stream through: the body is generated on the fly, never materialised by the test, and the
 * body itself asserts on every read that the inspector has passed all but a bounded number of the bytes it
 * read on to the sink. That bound is structural (head buffer plus one chunk), not a timing or heap
 * measurement, so it holds for any size; the pipe to the ZIP worker is bounded by {@link BoundedPipeTest}.
 */
class StreamingUploadTest {

  private static final long MIB = 1L << 20;
  /** What the inspector may hold between reading and writing: the head, read before the sink opens. */
  private static final long MAX_UNWRITTEN = HeadSniffer.HEAD_BYTES;

  @Test
  void twoHundredMegabytePdfStreamsThroughWithBoundedBuffering() throws Exception {
    long payload = 200 * MIB;
    CountingSink sink = new CountingSink();
    LockStepBody body = new LockStepBody(new GeneratedPdf(payload), sink);

    InspectionResult result = new UploadInspector(UploadPolicy.defaults())
        .inspect(body, "discovery-scan.pdf", "application/pdf", sink);

    assertThat(result).isInstanceOf(Accepted.class);
    Accepted accepted = (Accepted) result;
    GeneratedPdf reference = new GeneratedPdf(payload);
    String expectedSha = sha256(reference);
    assertThat(accepted.sizeBytes()).isEqualTo(reference.length()).isGreaterThan(payload);
    assertThat(accepted.sha256Hex()).isEqualTo(expectedSha).isEqualTo(sink.sha256Hex());
    assertThat(sink.bytes).isEqualTo(accepted.sizeBytes());
    assertThat(sink.committed).isTrue();
    assertThat(body.maxUnwritten).isLessThanOrEqualTo(MAX_UNWRITTEN);
  }

  @Test
  void largeDocxStreamsThroughTheZipScanWithBoundedBuffering(@TempDir Path dir) throws Exception {
    Path docx = dir.resolve("large.docx");
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(docx)))) {
      zip.setLevel(Deflater.BEST_SPEED);
      for (var part : Fixtures.docxParts(Fixtures.DOCX_MAIN).entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue());
      }
      zip.putNextEntry(new ZipEntry("word/media/image1.jpeg"));
      byte[] block = Fixtures.incompressible(1 << 20, 42);
      for (int i = 0; i < 48; i++) {
        block[0] = (byte) i;
        zip.write(block);
      }
      zip.closeEntry();
    }
    CountingSink sink = new CountingSink();
    LockStepBody body = new LockStepBody(Files.newInputStream(docx), sink);

    InspectionResult result = new UploadInspector(UploadPolicy.defaults()).inspect(body, "large.docx", null, sink);

    assertThat(result).isInstanceOf(Accepted.class);
    assertThat(((Accepted) result).sizeBytes()).isEqualTo(Files.size(docx));
    assertThat(((Accepted) result).sha256Hex()).isEqualTo(sha256(Files.newInputStream(docx)));
    assertThat(body.maxUnwritten).isLessThanOrEqualTo(MAX_UNWRITTEN);
  }

  @Test
  void oversizeStopsReadingEarly() throws Exception {
    long maxBytes = 3 * MIB;
    CountingSink sink = new CountingSink();
    LockStepBody body = new LockStepBody(new GeneratedPdf(500 * MIB), sink);

    InspectionResult result = new UploadInspector(UploadPolicy.defaults().withMaxBytes(maxBytes))
        .inspect(body, "huge.pdf", null, sink);

    assertThat(result).isInstanceOf(Rejected.class);
    assertThat(((Rejected) result).reason()).isEqualTo(RejectionReason.TOO_LARGE);
    assertThat(body.produced).isLessThanOrEqualTo(maxBytes + UploadInspector.CHUNK);
    assertThat(sink.discarded).isTrue();
    assertThat(sink.committed).isFalse();
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) != -1) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A sink that keeps nothing but a count and a digest. */
  static final class CountingSink implements UploadSink {
    private final MessageDigest digest;
    long bytes;
    boolean committed;
    boolean discarded;

    CountingSink() throws Exception {
      digest = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public OutputStream open() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes += len;
          digest.update(b, off, len);
        }
      };
    }

    @Override
    public void commit() {
      committed = true;
    }

    @Override
    public void discard() {
      discarded = true;
    }

    String sha256Hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  /** A body that records, at every read, how far the sink lags behind what was read. */
  static final class LockStepBody extends FilterInputStream {
    private final CountingSink sink;
    long produced;
    long maxUnwritten;

    LockStepBody(InputStream in, CountingSink sink) {
      super(in);
      this.sink = sink;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      maxUnwritten = Math.max(maxUnwritten, produced - sink.bytes);
      int n = super.read(b, off, len);
      if (n > 0) {
        produced += n;
      }
      return n;
    }
  }

  /**
   * A valid PDF whose single content stream holds {@code payload} bytes of comment lines, generated as it
   * is read: header and page objects, the stream, then the objects, xref table and trailer after it.
   */
  static final class GeneratedPdf extends InputStream {
    private static final int LINE = 4096;
    private final byte[] prefix;
    private final byte[] suffix;
    private final long payload;
    private final byte[] line;
    private long pos;

    GeneratedPdf(long payload) {
      if (payload % LINE != 0) {
        throw new IllegalArgumentException("payload must be a multiple of " + LINE);
      }
      this.payload = payload;
      this.line = Fixtures.letters(LINE, 7);
      line[0] = '%';
      line[LINE - 1] = '\n';
      String head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
      String[] objects = {
          "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
          "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
          "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n"};
      StringBuilder pre = new StringBuilder(head);
      long[] offsets = new long[4];
      for (int i = 0; i < 3; i++) {
        offsets[i] = pre.length();
        pre.append(objects[i]);
      }
      offsets[3] = pre.length();
      pre.append("4 0 obj\n<< /Length ").append(payload).append(" >>\nstream\n");
      this.prefix = pre.toString().getBytes(StandardCharsets.ISO_8859_1);
      String end = "\nendstream\nendobj\n";
      long xref = prefix.length + payload + end.length();
      StringBuilder post = new StringBuilder(end).append("xref\n0 5\n0000000000 65535 f \n");
      for (long offset : offsets) {
        post.append(String.format("%010d 00000 n \n", offset));
      }
      post.append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
      this.suffix = post.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    long length() {
      return prefix.length + payload + suffix.length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= length()) {
        return -1;
      }
      int n = 0;
      while (n < len && pos < length()) {
        int chunk;
        if (pos < prefix.length) {
          chunk = (int) Math.min(len - n, prefix.length - pos);
          System.arraycopy(prefix, (int) pos, b, off + n, chunk);
        } else if (pos < prefix.length + payload) {
          int inLine = (int) ((pos - prefix.length) % LINE);
          chunk = (int) Math.min(len - n, Math.min(LINE - inLine, prefix.length + payload - pos));
          System.arraycopy(line, inLine, b, off + n, chunk);
        } else {
          int at = (int) (pos - prefix.length - payload);
          chunk = Math.min(len - n, suffix.length - at);
          System.arraycopy(suffix, at, b, off + n, chunk);
        }
        n += chunk;
        pos += chunk;
      }
      return n;
    }
  }
}
