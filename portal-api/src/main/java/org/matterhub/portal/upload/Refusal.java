package org.matterhub.portal.upload;

/** Control flow for a rule that refuses the upload; carries the verdict, no stack trace. */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Rejected rejected;

  Refusal(RejectionReason reason, String detail) {
    super(reason + ": " + detail, null, false, false);
    this.rejected = new Rejected(reason, detail);
  }

  Rejected rejected() {
    return rejected;
  }
}
