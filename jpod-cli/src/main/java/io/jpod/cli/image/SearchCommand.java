package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.JpodException;
import io.jpod.image.registry.ImageReference;
import io.jpod.image.registry.RegistryClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod search REGISTRY/TERM}: repositories matching a term (v1 search API, else the v2 catalog),
 * or with {@code --list-tags} the tags of one repository.
 */
@Command(name = "search", description = "Search registry for image")
public final class SearchCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin RegistryFlags registry;
  @Option(names = "--limit", defaultValue = "25", description = "Limit the number of results") int limit;
  @Option(names = "--list-tags", description = "List the tags of the input registry") boolean listTags;
  @Option(names = "--no-trunc", description = "Do not truncate the output") boolean noTrunc;
  @Option(names = "--format", description = "Change the output format to JSON or a Go template") String format;
  @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided (default [])") List<String> filters = new ArrayList<>();
  @Parameters(index = "0", paramLabel = "TERM") String term;

  public SearchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    int slash = term.indexOf('/');
    if (slash < 0) {
      throw JpodException.invalid("jpod search needs a registry in the term (REGISTRY/TERM): "
          + "no unqualified-search registries are searched");
    }
    String host = term.substring(0, slash);
    String what = term.substring(slash + 1);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (RegistryClient client = registry.access().clientForRegistry(host)) {
      if (listTags) {
        ImageReference ref = ImageReference.parse(term);
        if (ref.tag() != null && !term.endsWith(":" + ImageReference.DEFAULT_TAG) && term.contains(":" + ref.tag())) {
          throw JpodException.invalid("tag or digest are not supported with --list-tags: " + term);
        }
        List<String> tags = client.listTags(ref.repository());
        for (String tag : tags.subList(0, Math.min(limit, tags.size()))) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("Name", host + "/" + ref.repository());
          row.put("Tag", tag);
          rows.add(row);
        }
      } else {
        for (RegistryClient.SearchResult r : client.search(what, limit)) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("Index", host);
          row.put("Name", host + "/" + r.name());
          String d = r.description() == null ? "" : r.description();
          row.put("Description", !noTrunc && d.length() > 44 ? d.substring(0, 44) + "..." : d);
          row.put("Stars", r.stars());
          row.put("Official", r.official() ? "[OK]" : "");
          row.put("Automated", r.automated() ? "[OK]" : "");
          rows.add(row);
        }
      }
    }
    String def = listTags ? "table {{.Name}}\t{{.Tag}}" : "table {{.Name}}\t{{.Description}}";
    ctx.out().print(Formats.formatList(format, def, rows, null));
    return 0;
  }
}
