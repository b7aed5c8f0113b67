package org.matterhub.portal.upload;

import java.util.Objects;

/**
 * An upload that failed inspection; the sink was told to discard it.
 *
 * @param reason the rule that refused it
 * @param detail one sentence the client can act on; never contains server paths or internals
 */
public record Rejected(RejectionReason reason, String detail) implements InspectionResult {

  public Rejected {
    Objects.requireNonNull(reason, "reason");
    if (detail == null || detail.isBlank()) {
      throw new IllegalArgumentException("a rejection needs a detail the client can act on");
    }
  }
}
