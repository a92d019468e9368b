package io.jpod.api.libpod;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;

/** Docker-worded failures of shared handlers reworded as libpod's, whose causes podman's client matches. */
final class Errors {
  private static final String DOCKER_NO_CONTAINER = "No such container: ";

  private Errors() {}

  static JpodException libpod(JpodException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (e.kind() == ErrorKind.NOT_FOUND && m.startsWith(DOCKER_NO_CONTAINER)) {
      return noContainer(m.substring(DOCKER_NO_CONTAINER.length()));
    }
    return e;
  }

  static JpodException noContainer(String name) {
    return JpodException.notFound("no container with name or ID \"" + name + "\" found: no such container");
  }
}
