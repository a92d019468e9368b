package io.jpod.core.secret;

import io.jpod.common.JpodException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * podman 4.3.1's secret list filters, {@code name} and {@code id}: values of one key are alternatives,
 * keys must all match; a value is a regular expression matching anywhere (Go's regexp.MatchString), a
 * malformed one matching nothing.
 */
public final class SecretFilter {
  private SecretFilter() {}

  public static Predicate<Secret> of(Map<String, List<String>> filters) {
    for (String key : filters.keySet()) {
      if (!key.equals("name") && !key.equals("id")) {
        throw JpodException.invalid("invalid filter \"" + key + "\"");
      }
    }
    return s -> filters.entrySet().stream().allMatch(e -> {
      String value = e.getKey().equals("name") ? s.name() : s.id();
      return e.getValue().stream().anyMatch(p -> matches(p, value));
    });
  }

  private static boolean matches(String regex, String value) {
    try {
      return Pattern.compile(regex).matcher(value).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
