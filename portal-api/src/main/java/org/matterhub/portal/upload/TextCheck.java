package org.matterhub.portal.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules for text uploads (txt, csv, md, eml): no NUL bytes anywhere (binary data is not text; UTF-16 text,
 * recognised by its byte-order mark, is exempt), and for txt/csv/md no script idioms anywhere in the
 * stream. The script patterns are ASCII, case-insensitive and deliberately specific (a shebang is checked
 * at the start by {@link HeadSniffer}); they cannot see scripts in UTF-16 text.
 */
final class TextCheck implements StreamCheck {

  private static final Signatures.Hit SCRIPT = new Signatures.Hit(RejectionReason.SCRIPT,
      "The text contains script commands (shell, batch, PowerShell, JavaScript or VBScript); "
          + "scripts are not accepted, so send it as a PDF instead.");

  private static final List<String> SCRIPT_IDIOMS = List.of(
      "@echo off", "@echo on", "cmd.exe /c", "cmd /c ",
      "powershell -", "powershell.exe", "invoke-expression", "-encodedcommand", "set-executionpolicy",
      "new-object net.webclient", "new-object system.net.webclient", "downloadstring(", "downloadfile(",
      "wscript.", "cscript.", "createobject(", "activexobject", "shell.application",
      "<script", "javascript:", "eval(", "document.write(", "fromcharcode(",
      "| sh\n", "| bash", "|sh\n", "|bash", "/dev/tcp/", "chmod +x", "rm -rf /");

  private final boolean allowNul;
  private final SearchCheck scripts;

  TextCheck(boolean allowNul, boolean checkScripts) {
    this.allowNul = allowNul;
    if (checkScripts) {
      List<ByteSearch.Needle<Signatures.Hit>> needles = new ArrayList<>();
      for (String idiom : SCRIPT_IDIOMS) {
        needles.add(new ByteSearch.Needle<>(Signatures.ascii(idiom), SCRIPT));
      }
      this.scripts = new SearchCheck(needles, true);
    } else {
      this.scripts = null;
    }
  }

  @Override
  public void update(byte[] b, int off, int len) throws Refusal {
    if (!allowNul) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == 0) {
          throw new Refusal(RejectionReason.TYPE_MISMATCH,
              "The file is named as text but contains binary data; upload it in its original format.");
        }
      }
    }
    if (scripts != null) {
      scripts.update(b, off, len);
    }
  }
}
