package org.matterhub.portal.upload;

import java.util.Locale;
import java.util.Set;

/**
 * Limits and allowlist applied by {@link UploadInspector}.
 *
 * @param maxBytes largest accepted upload in bytes (inclusive); counted while streaming, the read stops at
 *     the first byte beyond it
 * @param allowedTypes canonical media types accepted, a subset of the inspector's known kinds (PDF, Office,
 *     OpenDocument, RTF, PNG/JPEG/GIF/TIFF/HEIC/WebP, txt/csv/md, eml/msg); see {@link #defaults()}
 * @param maxArchiveDepth how many ZIP levels may nest, counting the upload's own package: 1 accepts a
 *     docx/xlsx/pptx/odt/ods/odp but no package inside it; 2 also accepts (and scans recursively) packages
 *     embedded in it, such as the workbook behind a chart in a Word document
 * @param maxExpandedBytes most bytes a ZIP-based document may expand to, summed over all entries and levels
 * @param maxCompressionRatio most expanded bytes per compressed byte, per entry and overall, once more than
 *     1 MiB has expanded (Apache POI's zip-bomb guard uses 100 too)
 */
public record UploadPolicy(long maxBytes, Set<String> allowedTypes, int maxArchiveDepth, long maxExpandedBytes,
    double maxCompressionRatio) {

  public UploadPolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    allowedTypes = Set.copyOf(allowedTypes);
    for (String type : allowedTypes) {
      if (!FileKind.ALL_MEDIA_TYPES.contains(type)) {
        throw new IllegalArgumentException("not a type the inspector can verify: " + type
            + "; known types are " + FileKind.ALL_MEDIA_TYPES);
      }
    }
    if (maxArchiveDepth < 1) {
      throw new IllegalArgumentException("maxArchiveDepth must be at least 1 (the document's own package)");
    }
    if (maxExpandedBytes <= 0) {
      throw new IllegalArgumentException("maxExpandedBytes must be positive");
    }
    if (!(maxCompressionRatio >= 1)) {
      throw new IllegalArgumentException("maxCompressionRatio must be at least 1");
    }
  }

  /**
   * All known types; 1 GiB per upload; no package inside a package; at most 2 GiB expanded; ratio 100.
   * The expansion cap is above the upload cap so that a large, legitimately uncompressible pptx (video,
   * photos) passes, while bombs are caught by the ratio long before.
   */
  public static UploadPolicy defaults() {
    return new UploadPolicy(1L << 30, FileKind.ALL_MEDIA_TYPES, 1, 2L << 30, 100);
  }

  /** Returns this policy with a different upload cap. */
  public UploadPolicy withMaxBytes(long newMaxBytes) {
    return new UploadPolicy(newMaxBytes, allowedTypes, maxArchiveDepth, maxExpandedBytes, maxCompressionRatio);
  }

  static String describeBytes(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }
    return bytes + " bytes";
  }
}
