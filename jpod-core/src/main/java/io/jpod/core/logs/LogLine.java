package io.jpod.core.logs;

import java.time.OffsetDateTime;

/** One record of a k8s-file log, with partial records already joined. */
public record LogLine(OffsetDateTime time, String stream, String content, boolean complete) {

  public boolean stderr() {
    return stream.equals("stderr");
  }
}
