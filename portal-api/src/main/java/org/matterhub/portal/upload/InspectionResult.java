package org.matterhub.portal.upload;

/** The verdict of {@link UploadInspector#inspect}: either {@link Accepted} or {@link Rejected}. */
public sealed interface InspectionResult permits Accepted, Rejected {

  /** {@code true} for {@link Accepted}. */
  default boolean accepted() {
    return this instanceof Accepted;
  }
}
