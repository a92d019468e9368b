package io.jpod.core.oci.conmon;

import java.util.List;

/**
 * Watches an attached stdin for the detach sequence, as podman's escape proxy does: bytes that begin
 * the sequence are held back until it completes (then they are dropped and the client detaches) or
 * breaks (then they are passed on), so typing ctrl-p, ctrl-q hands the container nothing.
 */
final class DetachKeyFilter {
  /** What may go to the container from one read, and whether the sequence completed in it. */
  record Filtered(byte[] data, int length, boolean detach) {}

  private final List<Integer> keys;
  private int matched;

  /** {@code keys} empty: detaching is off and every byte passes. */
  DetachKeyFilter(List<Integer> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Filters {@code buf[0, n)}; after a detach, what follows in the buffer is not looked at. */
  Filtered feed(byte[] buf, int n) {
    if (keys.isEmpty()) {
      return new Filtered(buf, n, false);
    }
    byte[] out = new byte[n + matched];
    int len = 0;
    for (int i = 0; i < n; i++) {
      int b = buf[i] & 0xff;
      if (b == keys.get(matched)) {
        matched++;
        if (matched == keys.size()) {
          matched = 0;
          return new Filtered(out, len, true);
        }
        continue;
      }
      len = release(out, len);
      if (b == keys.getFirst()) {
        matched = 1;
      } else {
        out[len++] = buf[i];
      }
    }
    return new Filtered(out, len, false);
  }

  /** The bytes held back when the input ends in the middle of the sequence. */
  byte[] pending() {
    byte[] out = new byte[matched];
    release(out, 0);
    return out;
  }

  private int release(byte[] out, int len) {
    for (int k = 0; k < matched; k++) {
      out[len++] = (byte) (int) keys.get(k);
    }
    matched = 0;
    return len;
  }
}
