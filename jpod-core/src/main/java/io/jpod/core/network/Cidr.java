package io.jpod.core.network;

import io.jpod.common.JpodException;

/**
 * An IPv4 subnet ({@code 10.88.0.0/16}); addresses are unsigned 32-bit values held in a long.
 *
 * @param base the network address (host bits cleared)
 * @param prefix the prefix length, 0..32
 */
public record Cidr(long base, int prefix) {

  /** Parses {@code A.B.C.D/N}; host bits are cleared as podman does ("10.89.0.5/24" is 10.89.0.0/24). */
  public static Cidr parse(String s) {
    int slash = s.indexOf('/');
    int prefix = prefixLength(s, 32);
    long ip = parseIp(s.substring(0, slash), s);
    return new Cidr(ip & mask(prefix), prefix);
  }

  /** Parses a dotted IPv4 address, or fails naming {@code what}. */
  public static long parseIp(String ip, String what) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      throw JpodException.invalid("invalid IP address: " + what);
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw JpodException.invalid("invalid IP address: " + what);
      }
      int b = Integer.parseInt(p);
      if (b > 255) {
        throw JpodException.invalid("invalid IP address: " + what);
      }
      v = (v << 8) | b;
    }
    return v;
  }

  /** Whether {@code s} is a dotted IPv4 address. */
  public static boolean isIp(String s) {
    try {
      parseIp(s, s);
      return true;
    } catch (JpodException e) {
      return false;
    }
  }

  public static String format(long ip) {
    return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
  }

  static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public long last() {
    return base + size() - 1;
  }

  public boolean contains(long ip) {
    return (ip & mask(prefix)) == base;
  }

  public boolean contains(String ip) {
    return Cidr.isIp(ip) && contains(parseIp(ip, ip));
  }

  public boolean overlaps(Cidr o) {
    return base <= o.last() && o.base <= last();
  }

  /** The {@code n}th address of the subnet (1 is the usual gateway). */
  public long host(long n) {
    return base + n;
  }

  @Override
  public String toString() {
    return format(base) + "/" + prefix;
  }

  /** The prefix length after the slash of {@code s}, 0..{@code max}, or podman's invalid-CIDR error. */
  static int prefixLength(String s, int max) {
    int slash = s.indexOf('/');
    try {
      int prefix = slash < 0 ? -1 : Integer.parseInt(s.substring(slash + 1));
      if (prefix >= 0 && prefix <= max) {
        return prefix;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw JpodException.invalid("invalid CIDR address: " + s);
  }
}
