package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.cli.format.GoTemplate;
import io.jpod.common.JpodException;
import io.jpod.core.events.Event;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod events}: print (and follow) the events log. */
@Command(name = "events", description = "Show jpod events")
public final class EventsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--since", description = "Show all events created since timestamp") String since;
  @Option(names = "--until", description = "Show all events created until timestamp") String until;
  @Option(names = {"-f", "--filter"}, description = "Filter output") List<String> filters = new ArrayList<>();
  @Option(names = "--format", description = "Format the output using the given Go template") String format;
  @Option(names = "--no-trunc", description = "do not truncate the output", defaultValue = "true", negatable = true, fallbackValue = "true", arity = "0..1") boolean noTrunc;
  @Option(names = "--stream", description = "Stream new events; for testing only", defaultValue = "true", negatable = true, fallbackValue = "true", arity = "0..1") boolean stream;

  public EventsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Instant from = since == null ? null : io.jpod.cli.container.LogsCommand.parseTime(since, "since");
    Instant to = until == null ? null : io.jpod.cli.container.LogsCommand.parseTime(until, "until");
    Predicate<Event> filter = filter(filters);
    Predicate<Event> window = e -> (from == null || !e.time().isBefore(from)) && (to == null || !e.time().isAfter(to));
    var log = ctx.libpod().events();
    long end = log.size();
    GoTemplate tpl = format == null || Formats.isJson(format) ? null : GoTemplate.parse(Formats.normalize(format));
    boolean json = format != null && Formats.isJson(format);
    // podman: a stream without --since or --until shows only what happens from now on
    boolean replay = !stream || from != null || to != null;
    for (Event e : replay ? log.read(filter.and(window)) : List.<Event>of()) {
      print(e, tpl, json);
    }
    ctx.out().flush();
    boolean follow = stream && (to == null || to.isAfter(Instant.now()));
    if (follow) {
      log.follow(end, filter, e -> {
        if (to != null && e.time().isAfter(to)) {
          return false;
        }
        print(e, tpl, json);
        ctx.out().flush();
        return !ctx.out().checkError();
      });
    }
    return 0;
  }

  private void print(Event e, GoTemplate tpl, boolean json) {
    if (json) {
      ctx.out().print(Formats.toCompactJson(view(e)));
      ctx.out().println();
      return;
    }
    if (tpl != null) {
      String s = tpl.render(view(e));
      ctx.out().print(s.endsWith("\n") ? s : s + "\n");
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn xx zzz").format(e.time().atZone(ZoneId.systemDefault())));
    String id = e.id() == null ? "" : !noTrunc && e.id().length() > 12 && !e.type().equals("volume") ? e.id().substring(0, 12) : e.id();
    sb.append(' ').append(e.type()).append(' ').append(e.status()).append(' ').append(id);
    if (e.type().equals("volume")) {
      ctx.out().println(sb.append(e.name())); // podman: volume events name the volume, nothing else
      return;
    }
    List<String> attrs = new ArrayList<>();
    if (e.image() != null) {
      attrs.add("image=" + e.image());
    }
    if (e.name() != null) {
      attrs.add("name=" + e.name());
    }
    if (e.healthStatus() != null) {
      attrs.add("health_status=" + e.healthStatus());
    }
    if (e.attributes() != null) {
      e.attributes().forEach((k, v) -> attrs.add(k + "=" + v));
    }
    if (!attrs.isEmpty()) {
      sb.append(" (").append(String.join(", ", attrs)).append(')');
    }
    ctx.out().println(sb);
  }

  private static Map<String, Object> view(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", e.id());
    m.put("Image", e.image());
    m.put("Name", e.name());
    m.put("Status", e.status());
    m.put("Time", e.time());
    m.put("Type", e.type());
    m.put("Attributes", e.attributes());
    if (e.containerExitCode() != null) {
      m.put("ContainerExitCode", e.containerExitCode());
    }
    if (e.healthStatus() != null) {
      m.put("HealthStatus", e.healthStatus());
    }
    return m;
  }

  static Predicate<Event> filter(List<String> filters) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("invalid filter \"" + f + "\": filter must be of the form key=value");
      }
      String key = f.substring(0, eq).toLowerCase();
      if (!List.of("container", "event", "status", "image", "type", "label", "id", "name").contains(key)) {
        throw JpodException.invalid(key + " is an invalid filter");
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
    }
    return e -> byKey.entrySet().stream().allMatch(en -> en.getValue().stream().anyMatch(v -> switch (en.getKey()) {
      case "container", "id", "name" -> (e.id() != null && e.id().startsWith(v)) || v.equals(e.name());
      case "event", "status" -> v.equals(e.status());
      case "image" -> v.equals(e.image()) || (e.image() != null && e.image().endsWith("/" + v + ":latest"));
      case "type" -> v.equals(e.type());
      case "label" -> {
        int eq = v.indexOf('=');
        var a = e.attributes() == null ? Map.<String, String>of() : e.attributes();
        yield eq < 0 ? a.containsKey(v) : v.substring(eq + 1).equals(a.get(v.substring(0, eq)));
      }
      default -> false;
    }));
  }
}
