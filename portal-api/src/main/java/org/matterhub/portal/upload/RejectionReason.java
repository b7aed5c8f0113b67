package org.matterhub.portal.upload;

/** Why an upload was refused; stable names that the portal maps to problem types and client messages. */
public enum RejectionReason {
  /** The upload had no bytes. */
  EMPTY,
  /** The upload is larger than {@link UploadPolicy#maxBytes()}. */
  TOO_LARGE,
  /** The file name is missing, too long, contains a path, control characters or a reserved device name. */
  BAD_FILE_NAME,
  /** The file's type (from its extension) is not on the policy's allowlist. */
  TYPE_NOT_ALLOWED,
  /** The content, the extension and the declared content type do not describe the same type. */
  TYPE_MISMATCH,
  /** The file is, or carries, a program (PE, ELF, Mach-O, Java class, ...). */
  EXECUTABLE,
  /** The file is, or looks like, a script (shebang, batch, PowerShell, JavaScript, VBScript, ...). */
  SCRIPT,
  /** An Office or OpenDocument file that carries macros. */
  MACRO_ENABLED,
  /** An encrypted or password-protected document or archive; its content cannot be inspected. */
  ENCRYPTED,
  /** An archive inside the uploaded document, deeper than the policy allows or of a kind that cannot be inspected. */
  NESTED_ARCHIVE,
  /** A ZIP-based document that expands beyond the policy's size or ratio limits. */
  DECOMPRESSION_BOMB,
  /** A known malware or anti-virus test signature (EICAR) somewhere in the content. */
  MALWARE_SIGNATURE,
  /** The file is valid as two different formats at once, or its format header is not where it belongs. */
  POLYGLOT
}
