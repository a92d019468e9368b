package io.jpod.cli.format;

/**
 * What a podman listing's rows are in Go, for its template errors: the template's name ({@code ps},
 * {@code ls}, ...) and the row type ({@code containers.psReporter}).
 */
public record RowType(String name, String goType) {
  public static final RowType PS = new RowType("ps", "containers.psReporter");
  public static final RowType IMAGES = new RowType("images", "images.imageReporter");
  public static final RowType HISTORY = new RowType("history", "images.historyReporter");
  public static final RowType VOLUMES = new RowType("ls", "*entities.VolumeListReport");
  public static final RowType NETWORKS = new RowType("ls", "network.ListPrintReports");
  public static final RowType PODS = new RowType("ps", "pods.ListPodReporter");
  public static final RowType STATS = new RowType("stats", "containers.containerStats");
  public static final RowType INSPECT = new RowType("inspect", "interface {}");

  /** {@code row} as the Go struct it stands for. */
  public GoStruct wrap(Object row) {
    return new GoStruct(goType, row);
  }
}
