package io.jpod.cli.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The flags and arguments of a {@code run}/{@code create} command line as {@code generate systemd
 * --new} rewrites them, and the quoting and line breaks of podman's unit files.
 *
 * @param flags the options (with their values), up to the image
 * @param rest the image, the container's command and its arguments
 */
record SystemdCommandLine(List<String> flags, List<String> rest) {
  /** Splits at the first argument that is not an option or an option's value. */
  static SystemdCommandLine of(List<String> args, Predicate<String> takesValue) {
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (a.startsWith("--")) {
        i += !a.contains("=") && takesValue.test(a) ? 2 : 1;
      } else if (a.startsWith("-") && a.length() > 1) {
        // a group of short flags: the first one that takes a value takes the rest of the word, or the next
        int skip = 1;
        for (int c = 1; c < a.length(); c++) {
          if (takesValue.test("-" + a.charAt(c))) {
            skip = c == a.length() - 1 ? 2 : 1;
            break;
          }
        }
        i += skip;
      } else {
        break;
      }
    }
    i = Math.min(i, args.size());
    return new SystemdCommandLine(List.copyOf(args.subList(0, i)), List.copyOf(args.subList(i, args.size())));
  }

  /** Whether the long option {@code name} is given (as {@code name} or {@code name=...}). */
  boolean has(String name) {
    return flags.stream().anyMatch(f -> f.equals(name) || f.startsWith(name + "="));
  }

  /** Whether {@code -d}/{@code --detach} is given, alone or in a group of short flags. */
  boolean detached() {
    for (String f : flags) {
      if (f.equals("--detach") || f.equals("--detach=true")) {
        return true;
      }
      if (f.startsWith("-") && !f.startsWith("--") && f.length() > 1 && f.substring(1).chars().allMatch(Character::isLetter)
          && f.indexOf('d') > 0) {
        return true;
      }
    }
    return false;
  }

  /** The command line without the boolean options {@code drop} and the valued options {@code dropWithValue}. */
  List<String> without(List<String> drop, List<String> dropWithValue) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < flags.size(); i++) {
      String f = flags.get(i);
      String name = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
      if (drop.contains(name)) {
        continue;
      }
      if (dropWithValue.contains(name)) {
        if (!f.contains("=")) {
          i++;
        }
        continue;
      }
      out.add(f);
    }
    out.addAll(rest);
    return out;
  }

  /**
   * Arguments as systemd reads them: its specifiers ({@code %}) and variables ({@code $}) doubled,
   * arguments with blanks or quotes in double quotes.
   */
  static List<String> escape(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      String e = a.replace("$", "$$").replace("%", "%%");
      if (e.isEmpty() || e.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == '\\')) {
        e = '"' + e.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
      }
      out.add(e);
    }
    return out;
  }

  /** podman's layout: every option starts a new line (a backslash continues the command). */
  static String format(List<String> args) {
    StringBuilder b = new StringBuilder();
    for (String a : args) {
      if (!b.isEmpty()) {
        b.append(a.startsWith("-") ? " \\\n\t" : " ");
      }
      b.append(a);
    }
    return b.toString();
  }
}
