package io.jpod.storage;

/** One line of {@code podman diff}: what happened to {@code path} ("/etc/foo") in a layer. */
public record Change(Kind kind, String path) {
  public enum Kind {
    ADDED("A", 1),
    CHANGED("C", 0),
    DELETED("D", 2);

    private final String letter;
    private final int dockerKind;

    Kind(String letter, int dockerKind) {
      this.letter = letter;
      this.dockerKind = dockerKind;
    }

    /** The letter podman prints: A, C or D. */
    public String letter() {
      return letter;
    }

    /** The number the Docker API's {@code /containers/{id}/changes} uses: 0 modified, 1 added, 2 deleted. */
    public int dockerKind() {
      return dockerKind;
    }
  }
}
