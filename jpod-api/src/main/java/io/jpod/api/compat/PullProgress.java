package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.image.copy.CopyProgress;
import io.jpod.image.transport.BlobInfo;
import io.jpod.storage.Image;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's JSON progress stream for pull and push. The stream (and its 200) starts with the first
 * progress, so a failure before any (no such image, registry down) is still a plain HTTP error.
 * The first message carries a status and the last says "Downloaded newer image" or "Image is up to
 * date": docker-java counts on both.
 */
final class PullProgress implements CopyProgress {
  private final Exchange ex;
  private final String ref;
  private OutputStream out;
  private long lastProgress;
  private boolean push;

  PullProgress(Exchange ex, String ref) {
    this.ex = ex;
    this.ref = ref;
  }

  boolean streaming() {
    return out != null;
  }

  private synchronized void send(Map<String, Object> msg) {
    try {
      if (out == null) {
        out = ex.stream(200, "application/json");
      }
      out.write(ex.json().writeValueAsBytes(msg));
      out.write('\r');
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> status(String status, String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    if (id != null) {
      m.put("id", id);
    }
    return m;
  }

  private static String shortId(BlobInfo blob) {
    String d = blob.digest() == null ? "" : blob.digest();
    d = d.startsWith("sha256:") ? d.substring(7) : d;
    return d.length() > 12 ? d.substring(0, 12) : d;
  }

  void note(String s) {
    // podman's "Trying to pull ..." notes have no Docker counterpart
  }

  @Override
  public void started() {
    if (push) {
      return;
    }
    int colon = ref.lastIndexOf(':');
    int slash = ref.lastIndexOf('/');
    String tag = colon > slash ? ref.substring(colon + 1) : "latest";
    send(status("Pulling from " + (colon > slash ? ref.substring(ref.indexOf('/') + 1, colon) : ref.substring(ref.indexOf('/') + 1)), tag));
  }

  @Override
  public void blobStarted(BlobInfo blob, boolean config, boolean skipped) {
    if (config) {
      return;
    }
    send(status(push ? (skipped ? "Layer already exists" : "Pushing") : (skipped ? "Already exists" : "Pulling fs layer"),
        shortId(blob)));
  }

  @Override
  public void blobProgress(BlobInfo blob, long bytes) {
    long now = System.nanoTime();
    if (now - lastProgress < 100_000_000L) {
      return;
    }
    lastProgress = now;
    Map<String, Object> m = status(push ? "Pushing" : "Downloading", shortId(blob));
    m.put("progressDetail", Map.of("current", bytes, "total", Math.max(blob.size(), 0)));
    send(m);
  }

  @Override
  public void blobDone(BlobInfo blob, boolean config) {
    if (!config) {
      send(status(push ? "Pushed" : "Download complete", shortId(blob)));
    }
  }

  void finish(Image img, boolean upToDate) {
    if (out == null) {
      started();
    }
    if (img.digest() != null) {
      send(status("Digest: " + img.digest(), null));
    }
    send(status(upToDate ? "Status: Image is up to date for " + ref : "Status: Downloaded newer image for " + ref, null));
  }

  void pushHeader(String dest) {
    push = true;
    int colon = dest.lastIndexOf(':');
    send(status("The push refers to repository [" + (colon > dest.lastIndexOf('/') ? dest.substring(0, colon) : dest) + "]", null));
  }

  void pushed(String tag, String digest) {
    send(status(tag + ": digest: " + digest + " size: 0", null));
    Map<String, Object> aux = new LinkedHashMap<>();
    aux.put("progressDetail", Map.of());
    aux.put("aux", Map.of("Tag", tag, "Digest", digest, "Size", 0));
    send(aux);
  }

  void error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errorDetail", Map.of("message", message));
    m.put("error", message);
    send(m);
  }
}
