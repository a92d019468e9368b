package io.jpod.core.network;

import io.jpod.common.JpodException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;

/**
 * An IPv6 subnet ({@code fd12:3456::/64}); addresses are unsigned 128-bit values. Printed in RFC 5952's
 * canonical form, as Go's net package prints them in podman's files.
 *
 * @param base the network address (host bits cleared)
 * @param prefix the prefix length, 0..128
 */
public record Cidr6(BigInteger base, int prefix) {
  private static final BigInteger ALL = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** Parses {@code ADDR/N}; host bits are cleared as podman does. */
  public static Cidr6 parse(String s) {
    int prefix = Cidr.prefixLength(s, 128);
    int slash = s.indexOf('/');
    if (!isIp(s.substring(0, slash))) {
      throw JpodException.invalid("invalid CIDR address: " + s);
    }
    return new Cidr6(parseIp(s.substring(0, slash)).and(mask(prefix)), prefix);
  }

  /** Whether {@code s} is an IPv6 address literal (never a host name: nothing is looked up). */
  public static boolean isIp(String s) {
    if (s == null || !s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(s) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public static BigInteger parseIp(String s) {
    if (!isIp(s)) {
      throw JpodException.invalid("invalid IP address: " + s);
    }
    try {
      return new BigInteger(1, InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      throw JpodException.invalid("invalid IP address: " + s);
    }
  }

  /** RFC 5952: lower case, no leading zeros, the longest run (of two or more) of zero groups as "::". */
  public static String format(BigInteger ip) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ip.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }

  /** The canonical text of an address literal ({@code fd12:3456:0::9} is {@code fd12:3456::9}). */
  public static String canonical(String ip) {
    return format(parseIp(ip));
  }

  static BigInteger mask(int prefix) {
    return prefix == 0 ? BigInteger.ZERO : ALL.shiftLeft(128 - prefix).and(ALL);
  }

  /**
   * A random unique local /64 ({@code fdXX:XXXX:XXXX:XXXX::/64}), as podman picks for {@code --ipv6}
   * without an IPv6 subnet.
   */
  public static Cidr6 randomUla(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[0] = (byte) 0xfd;
    for (int i = 8; i < 16; i++) {
      b[i] = 0;
    }
    return new Cidr6(new BigInteger(1, b), 64);
  }

  public BigInteger last() {
    return base.or(mask(prefix).xor(ALL));
  }

  public boolean contains(BigInteger ip) {
    return ip.and(mask(prefix)).equals(base);
  }

  public boolean contains(String ip) {
    return isIp(ip) && contains(parseIp(ip));
  }

  public boolean overlaps(Cidr6 o) {
    return base.compareTo(o.last()) <= 0 && o.base.compareTo(last()) <= 0;
  }

  /** The {@code n}th address of the subnet (1 is the usual gateway). */
  public BigInteger host(long n) {
    return base.add(BigInteger.valueOf(n));
  }

  @Override
  public String toString() {
    return format(base) + "/" + prefix;
  }
}
