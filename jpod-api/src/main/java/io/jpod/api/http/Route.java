package io.jpod.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint: a method and a path template whose {@code {name}} parts match one segment and whose
 * {@code {name*}} part matches greedily (image names hold '/' and ':').
 */
public record Route(String method, Pattern pattern, List<String> params, Handler handler) {

  /** What an endpoint does with the exchange. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange ex) throws Exception;
  }

  public static Route of(String method, String template, Handler handler) {
    List<String> names = new ArrayList<>();
    StringBuilder re = new StringBuilder("^");
    Matcher m = Pattern.compile("\\{(\\w+)(\\*?)}").matcher(template);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(template.substring(last, m.start())));
      re.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
      names.add(m.group(1));
      last = m.end();
    }
    re.append(Pattern.quote(template.substring(last))).append('$');
    return new Route(method, Pattern.compile(re.toString()), List.copyOf(names), handler);
  }

  /** The path parameters when {@code path} matches, else null. */
  public Map<String, String> match(String path) {
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      return null;
    }
    var out = new java.util.HashMap<String, String>();
    for (int i = 0; i < params.size(); i++) {
      out.put(params.get(i), m.group(i + 1));
    }
    return out;
  }
}
