package org.matterhub.portal.upload;

import java.util.List;

/** Refuses the upload at the first occurrence of any of a set of signatures. */
final class SearchCheck implements StreamCheck {

  private final ByteSearch<Signatures.Hit> search;

  SearchCheck(List<ByteSearch.Needle<Signatures.Hit>> needles, boolean ignoreAsciiCase) {
    this.search = new ByteSearch<>(needles, ignoreAsciiCase);
  }

  @Override
  public void update(byte[] b, int off, int len) throws Refusal {
    search.update(b, off, len);
    Signatures.Hit hit = search.first();
    if (hit != null) {
      throw hit.refusal();
    }
  }
}
