package org.matterhub.portal.upload;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File-name rules: what a client may call an upload, and the extension that names its type.
 *
 * <p>Rejected: blank names; path separators ({@code /}, {@code \}) and drive or stream colons; {@code ..}
 * anywhere; C0/C1 control characters including NUL and DEL; Unicode format characters such as the
 * right-to-left override that disguise an extension ({@code "invoice\u202Efdp.exe"}); the characters
 * Windows forbids ({@code < > " | ? *}); a trailing dot; more than 255 bytes of UTF-8; reserved Windows
 * device names ({@code CON}, {@code NUL}, {@code COM1}, ...) with any extension; a name that is only an
 * extension. The safe name is the NFC form, trimmed of surrounding white space.
 */
final class FileNames {

  static final int MAX_UTF8_BYTES = 255;

  private static final Pattern RESERVED_WINDOWS =
      Pattern.compile("(?i)(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\\$|conout\\$|clock\\$)");

  private static final String WINDOWS_FORBIDDEN = "<>:\"|?*";

  static final Set<String> EXECUTABLE_EXTENSIONS = Set.of("exe", "dll", "com", "scr", "msi", "msp", "mst", "sys",
      "cpl", "pif", "ocx", "drv", "so", "dylib", "elf", "bin", "app", "class", "jar", "war", "ear", "apk", "dex",
      "lnk", "appx", "msix", "deb", "rpm", "dmg", "pkg", "iso", "img", "vhd", "vhdx");
  static final Set<String> SCRIPT_EXTENSIONS = Set.of("sh", "bash", "zsh", "ksh", "csh", "fish", "bat", "cmd",
      "ps1", "psm1", "psd1", "ps1xml", "vbs", "vbe", "js", "jse", "mjs", "cjs", "wsf", "wsh", "hta", "py", "pyw",
      "pl", "rb", "php", "scf", "reg", "inf", "url", "applescript", "scpt", "html", "htm", "svg", "xhtml", "mht");
  static final Set<String> MACRO_EXTENSIONS = Set.of("docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm",
      "potm", "ppsm", "ppam", "sldm");
  static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "7z", "rar", "tar", "gz", "tgz", "bz2", "tbz2",
      "xz", "txz", "zst", "lz", "lzma", "cab", "arj", "z", "zipx");

  /** A validated name: the safe form and its lower-case extension (without the dot). */
  record Checked(String safeName, String extension) {}

  private FileNames() {}

  /** Returns the checked name, or refuses it with a sentence the client can act on. */
  static Checked check(String declaredFileName) throws Refusal {
    if (declaredFileName == null || declaredFileName.isBlank()) {
      throw bad("The file needs a name, for example \"contract.pdf\".");
    }
    for (int i = 0; i < declaredFileName.length(); i++) {
      char c = declaredFileName.charAt(i);
      if (c == '/' || c == '\\') {
        throw bad("The file name must not contain a folder path (\"/\" or \"\\\"); send only the name, for example \"contract.pdf\".");
      }
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        throw bad("The file name contains control characters; rename the file using letters, digits, spaces and punctuation only.");
      }
      if (Character.getType(c) == Character.FORMAT || Character.isSurrogate(c) && !validSurrogateAt(declaredFileName, i)) {
        throw bad("The file name contains invisible or direction-changing characters that can disguise its type; rename the file.");
      }
      if (WINDOWS_FORBIDDEN.indexOf(c) >= 0) {
        throw bad("The file name must not contain any of the characters < > : \" | ? *; rename the file.");
      }
    }
    if (declaredFileName.contains("..")) {
      throw bad("The file name must not contain \"..\"; rename the file.");
    }
    String safe = Normalizer.normalize(declaredFileName, Normalizer.Form.NFC).strip();
    if (safe.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
      throw bad("The file name is longer than 255 bytes; shorten it and upload again.");
    }
    if (safe.endsWith(".")) {
      throw bad("The file name must not end with a dot; it should end with its extension, for example \".pdf\".");
    }
    int dot = safe.lastIndexOf('.');
    String base = (dot < 0 ? safe : safe.substring(0, dot)).strip();
    String stem = safe.indexOf('.') < 0 ? safe : safe.substring(0, safe.indexOf('.')).strip();
    if (RESERVED_WINDOWS.matcher(stem).matches()) {
      throw bad("\"" + stem + "\" is a reserved device name on Windows; rename the file.");
    }
    if (dot < 0 || base.isEmpty()) {
      throw bad("The file name needs a name and an extension that says its type, for example \"contract.pdf\".");
    }
    return new Checked(safe, safe.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean validSurrogateAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
          && Character.getType(s.codePointAt(i)) != Character.FORMAT;
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static Refusal bad(String detail) {
    return new Refusal(RejectionReason.BAD_FILE_NAME, detail);
  }
}
