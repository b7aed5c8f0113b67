package org.matterhub.portal.upload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming search for several byte patterns at once, across chunk boundaries, in one pass.
 *
 * <p>Memory is bounded by design: a window of {@link #SLICE} bytes plus the longest pattern, whatever the
 * length of the stream. The last {@code longest - 1} bytes of each window are carried into the next, so a
 * pattern split between two chunks is still found. Matching is exact, or ASCII-case-insensitive when asked
 * (patterns are then given in lower case).
 *
 * @param <T> the tag reported for a pattern
 */
final class ByteSearch<T> {

  static final int SLICE = 64 * 1024;

  /** A pattern and the tag reported when it occurs. */
  record Needle<T>(byte[] bytes, T tag) {
    Needle {
      if (bytes.length == 0) {
        throw new IllegalArgumentException("empty pattern");
      }
    }
  }

  private final boolean ignoreAsciiCase;
  private final List<Needle<T>>[] byFirstByte;
  private final byte[] window;
  private final int carryMax;
  private int carryLen;
  private final Set<T> found = new LinkedHashSet<>();

  @SuppressWarnings("unchecked")
  ByteSearch(List<Needle<T>> needles, boolean ignoreAsciiCase) {
    this.ignoreAsciiCase = ignoreAsciiCase;
    this.byFirstByte = new List[256];
    int longest = 1;
    for (Needle<T> n : needles) {
      byte[] p = ignoreAsciiCase ? lower(n.bytes()) : n.bytes();
      int first = p[0] & 0xff;
      if (byFirstByte[first] == null) {
        byFirstByte[first] = new ArrayList<>();
      }
      byFirstByte[first].add(new Needle<>(p, n.tag()));
      longest = Math.max(longest, p.length);
    }
    this.carryMax = longest - 1;
    this.window = new byte[carryMax + SLICE];
  }

  /** Feeds the next bytes of the stream. */
  void update(byte[] b, int off, int len) {
    while (len > 0) {
      int n = Math.min(len, SLICE);
      System.arraycopy(b, off, window, carryLen, n);
      if (ignoreAsciiCase) {
        for (int i = carryLen; i < carryLen + n; i++) {
          byte c = window[i];
          if (c >= 'A' && c <= 'Z') {
            window[i] = (byte) (c + 32);
          }
        }
      }
      int total = carryLen + n;
      scan(total);
      carryLen = Math.min(carryMax, total);
      System.arraycopy(window, total - carryLen, window, 0, carryLen);
      off += n;
      len -= n;
    }
  }

  private void scan(int total) {
    for (int i = 0; i < total; i++) {
      List<Needle<T>> candidates = byFirstByte[window[i] & 0xff];
      if (candidates == null) {
        continue;
      }
      for (Needle<T> needle : candidates) {
        byte[] p = needle.bytes();
        if (i + p.length <= total && Arrays.equals(window, i, i + p.length, p, 0, p.length)) {
          found.add(needle.tag());
        }
      }
    }
  }

  /** The first tag found so far, in stream order, or {@code null}. */
  T first() {
    return found.isEmpty() ? null : found.iterator().next();
  }

  /** Every distinct tag found so far, in the order first found. */
  Set<T> found() {
    return Collections.unmodifiableSet(found);
  }

  private static byte[] lower(byte[] p) {
    byte[] out = p.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'A' && out[i] <= 'Z') {
        out[i] = (byte) (out[i] + 32);
      }
    }
    return out;
  }
}
