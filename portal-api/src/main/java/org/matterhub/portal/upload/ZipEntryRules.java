package org.matterhub.portal.upload;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The rules on a ZIP entry's name that {@link ZipScanner} applies at every level before it reads the entry, and
 * the refusals the scanner shares with them.
 */
final class ZipEntryRules {

  private static final Set<String> EMBEDDED_PROGRAM_EXTENSIONS;

  static {
    Set<String> programs = new HashSet<>(FileNames.EXECUTABLE_EXTENSIONS);
    programs.remove("bin"); // OOXML stores OLE objects and printer settings as *.bin
    programs.addAll(FileNames.SCRIPT_EXTENSIONS);
    programs.removeAll(Set.of("html", "htm", "xhtml", "svg", "mht")); // web parts of packages are inert
    EMBEDDED_PROGRAM_EXTENSIONS = Set.copyOf(programs);
  }

  private ZipEntryRules() {}

  /** Refuses unsafe paths, macro modules and programs, archives and macro-enabled documents by name. */
  static void check(String name) throws Refusal {
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.equals("..")
        || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")) {
      throw new Refusal(RejectionReason.BAD_FILE_NAME, "The document contains a part with an unsafe path (\""
          + clip(name) + "\"); save it again from its application.");
    }
    String leaf = lower.substring(lower.lastIndexOf('/') + 1);
    if (leaf.equals("vbaproject.bin") || leaf.equals("vbadata.xml") || leaf.equals("vbaprojectsignature.bin")
        || lower.startsWith("scripts/") && !lower.endsWith("/")
        || lower.startsWith("basic/") && lower.indexOf('/', 6) > 0
            && !leaf.equals("script-lb.xml") && !leaf.equals("dialog-lb.xml")) {
      throw macros();
    }
    int dot = leaf.lastIndexOf('.');
    String extension = dot < 0 ? "" : leaf.substring(dot + 1);
    if (FileNames.MACRO_EXTENSIONS.contains(extension)) {
      throw macros();
    }
    if (EMBEDDED_PROGRAM_EXTENSIONS.contains(extension)) {
      throw embeddedProgram(name);
    }
    if (FileNames.ARCHIVE_EXTENSIONS.contains(extension)) {
      throw nested(name);
    }
  }

  static Refusal macros() {
    return new Refusal(RejectionReason.MACRO_ENABLED,
        "The document contains macros; save it without macros (for example as .docx, .xlsx or .pptx) and upload it again.");
  }

  static Refusal embeddedProgram(String name) {
    return new Refusal(RejectionReason.EXECUTABLE, "The document carries an embedded program or script (\""
        + clip(name) + "\"); remove it and upload again.");
  }

  static Refusal nested(String name) {
    return new Refusal(RejectionReason.NESTED_ARCHIVE, "The document carries an embedded archive or package (\""
        + clip(name) + "\") and nested archives are not accepted; remove it or upload it separately.");
  }

  static Refusal bomb(String what) {
    return new Refusal(RejectionReason.DECOMPRESSION_BOMB, what
        + " when decompressed, beyond what the portal accepts (a decompression bomb); it was refused.");
  }

  static String clip(String name) {
    String printable = name.replaceAll("\\p{C}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
  }
}
