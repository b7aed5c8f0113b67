package org.matterhub.portal.upload;

import java.util.Objects;

/**
 * An upload that passed inspection and was committed to the sink.
 *
 * @param safeFileName the client's file name, NFC-normalised and trimmed, without any path
 * @param detectedType the canonical media type established from extension, declared type and content
 * @param sizeBytes the number of bytes read from the upload (and written to the sink)
 * @param sha256Hex lower-case hex SHA-256 of those bytes
 */
public record Accepted(String safeFileName, String detectedType, long sizeBytes, String sha256Hex)
    implements InspectionResult {

  public Accepted {
    Objects.requireNonNull(safeFileName, "safeFileName");
    Objects.requireNonNull(detectedType, "detectedType");
    Objects.requireNonNull(sha256Hex, "sha256Hex");
  }
}
