package io.jpod.core.naming;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Random object ids (64 hex characters, as podman's) and Docker-style names for unnamed containers. */
public final class Ids {
  private static final String[] ADJECTIVES = {
    "admiring", "bold", "brave", "calm", "clever", "cool", "dazzling", "eager", "elated", "epic",
    "festive", "focused", "friendly", "gallant", "gifted", "happy", "hopeful", "jolly", "keen", "kind",
    "lucid", "modest", "nifty", "optimistic", "peaceful", "quirky", "relaxed", "serene", "sharp",
    "stoic", "sweet", "tender", "trusting", "upbeat", "vibrant", "wizardly", "youthful", "zealous"
  };
  private static final String[] SURNAMES = {
    "agnesi", "babbage", "bohr", "curie", "darwin", "dijkstra", "einstein", "euler", "fermat",
    "feynman", "galileo", "gauss", "hopper", "hypatia", "kepler", "knuth", "lamarr", "lovelace",
    "maxwell", "meitner", "newton", "noether", "pascal", "ritchie", "shannon", "tesla", "thompson",
    "torvalds", "turing", "wozniak", "yonath"
  };

  private final RandomGenerator random;

  /** Ids from the kernel's random source. */
  public Ids() {
    this(null);
  }

  /** Ids from {@code random} (tests); null reads /dev/urandom. */
  public Ids(RandomGenerator random) {
    this.random = random != null ? random : new io.jpod.common.KernelRandom();
  }

  /** A new 64-hex-character id. */
  public String newId() {
    return HexFormat.of().formatHex(randomBytes(32));
  }

  /** A name like {@code happy_turing}. */
  public String newName() {
    byte[] b = randomBytes(2);
    return ADJECTIVES[(b[0] & 0xff) % ADJECTIVES.length] + "_" + SURNAMES[(b[1] & 0xff) % SURNAMES.length];
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** True for names podman accepts: {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}. */
  public static boolean validName(String name) {
    return name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  }
}
