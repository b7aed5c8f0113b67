package org.matterhub.portal.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteSearchTest {

  @Test
  void findsAPatternSplitAtEveryPossibleChunkBoundary() {
    byte[] text = Fixtures.concat(Fixtures.letters(100, 1), Signatures.EICAR, Fixtures.letters(100, 2));
    for (int split = 1; split < text.length; split++) {
      ByteSearch<String> search = new ByteSearch<>(Signatures.eicar().stream()
          .map(n -> new ByteSearch.Needle<>(n.bytes(), "eicar")).toList(), false);
      search.update(text, 0, split);
      search.update(text, split, text.length - split);
      assertThat(search.first()).as("split at %d", split).isEqualTo("eicar");
    }
  }

  @Test
  void findsPatternsFedOneByteAtATimeAndIgnoresAsciiCaseWhenAsked() {
    ByteSearch<String> search = new ByteSearch<>(List.of(
        new ByteSearch.Needle<>(Fixtures.ascii("invoke-expression"), "ps"),
        new ByteSearch.Needle<>(Fixtures.ascii("wscript."), "vbs")), true);
    byte[] text = Fixtures.ascii("x = 1\nInvoke-Expression $a\nWScript.Echo 1\n");
    for (int i = 0; i < text.length; i++) {
      search.update(text, i, 1);
    }
    assertThat(search.found()).containsExactly("ps", "vbs");
  }

  @Test
  void windowIsBoundedWhateverIsFedAtOnce() {
    ByteSearch<String> search = new ByteSearch<>(List.of(new ByteSearch.Needle<>(Fixtures.ascii("needle"), "n")),
        false);
    byte[] big = Fixtures.concat(Fixtures.letters(5 * ByteSearch.SLICE + 3, 9), Fixtures.ascii("needle"));
    search.update(big, 0, big.length);
    assertThat(search.first()).isEqualTo("n");
  }
}
