package io.jpod.core.naming;

import java.security.SecureRandom;
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

  public Ids() {
    this(new SecureRandom());
  }

  public Ids(RandomGenerator random) {
    this.random = random;
  }

  /** A new 64-hex-character id that does not start with a digit-only 12-char prefix ambiguity. */
  public String newId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A name like {@code happy_turing}. */
  public String newName() {
    return ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "_" + SURNAMES[random.nextInt(SURNAMES.length)];
  }

  /** True for names podman accepts: {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}. */
  public static boolean validName(String name) {
    return name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  }
}
