package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.storage.Image;
import io.jpod.storage.ImportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /images/create?fromSrc=...} ({@code docker import}): a root filesystem tarball from the
 * request body ({@code -}) or from a URL, made into a one-layer image. URLs are fetched only from
 * loopback addresses: the service must not become a way to reach other hosts for its clients.
 */
final class ImageImport {
  private ImageImport() {}

  static void run(Libpod libpod, Exchange ex, String src) throws IOException {
    String repo = ex.query("repo");
    String tag = ex.query("tag");
    String reference = null;
    if (repo != null && !repo.isEmpty()) {
      reference = ImageRoutes.normalize(tag == null || tag.isEmpty() ? repo : repo + ":" + tag);
    }
    List<String> changes = new ArrayList<>();
    for (String c : ex.queryAll("changes")) {
      for (String line : c.split("\n")) {
        if (!line.isBlank()) {
          changes.add(line.strip());
        }
      }
    }
    String platform = ex.query("platform");
    String os = null;
    String arch = null;
    if (platform != null && !platform.isBlank()) {
      String[] p = platform.split("/");
      os = p[0];
      arch = p.length > 1 ? p[1] : null;
    }
    ImportOptions opts = new ImportOptions(changes, ex.query("message"), arch, os);
    Image image;
    try (InputStream in = src.equals("-") ? ex.bodyStream() : fetch(src)) {
      image = libpod.store().images().importRootfs(in, Optional.ofNullable(reference), opts);
    }
    if (reference != null) {
      // podman 4 records an import only as the tag it gives the new image (as jpod import does)
      libpod.events().write(new io.jpod.core.events.Event(null, image.id(), null, reference, "tag",
          java.time.Instant.now(), "image", null));
    }
    OutputStream out = ex.stream(200, "application/json");
    out.write(ex.json().writeValueAsBytes(Map.of("status", "sha256:" + image.id())));
    out.write('\r');
    out.write('\n');
    out.flush();
  }

  private static InputStream fetch(String src) throws IOException {
    URI uri;
    try {
      uri = URI.create(src);
    } catch (IllegalArgumentException e) {
      throw JpodException.invalid("invalid fromSrc URL " + src + ": " + e.getMessage());
    }
    if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null) {
      throw JpodException.invalid("fromSrc must be - (the request body) or an http(s) URL: " + src);
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
        if (!a.isLoopbackAddress()) {
          throw JpodException.invalid("fromSrc URL " + src + ": only loopback addresses are fetched by this service");
        }
      }
    } catch (UnknownHostException e) {
      throw JpodException.invalid("fromSrc URL " + src + ": unknown host " + uri.getHost());
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    try {
      HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        r.body().close();
        throw JpodException.invalid("fromSrc URL " + src + ": the server answered " + r.statusCode());
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("fetching " + src + ": interrupted");
    } catch (IOException e) {
      throw JpodException.invalid("fetching " + src + ": " + e.getMessage());
    }
  }
}
