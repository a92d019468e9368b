package io.jpod.cli.help;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code --help} in podman's layout (cobra's usage template as podman sets it, with pflag's flag
 * table): the short description, Description, Usage, Available Commands, then Options sorted by
 * name, each with its value type and non-zero default. Scripts and people read podman's help by
 * these section names, so jpod prints the same shape from the picocli models.
 */
public final class CobraHelp {
  /** cobra pads command names in "Available Commands" to at least this width. */
  private static final int MIN_NAME_PADDING = 11;

  private CobraHelp() {}

  public static String render(CommandSpec spec) {
    StringBuilder sb = new StringBuilder();
    String shortText = String.join(" ", spec.usageMessage().description()).strip();
    sb.append(shortText).append("\n\n");
    boolean root = spec.parent() == null;
    if (!root) {
      sb.append("Description:\n  ").append(shortText).append("\n\n");
    }
    sb.append("Usage:\n  ").append(usageLine(spec)).append("\n\n");
    Map<String, CommandLine> subs = spec.subcommands();
    if (!subs.isEmpty()) {
      sb.append("Available Commands:\n");
      List<CommandSpec> children = new ArrayList<>();
      subs.forEach((name, cl) -> {
        // picocli lists each alias as a key: show a command once, under its own name
        if (cl.getCommandSpec().name().equals(name)) {
          children.add(cl.getCommandSpec());
        }
      });
      children.sort(Comparator.comparing(CommandSpec::name));
      int pad = Math.max(MIN_NAME_PADDING, children.stream().mapToInt(c -> c.name().length()).max().orElse(0));
      for (CommandSpec c : children) {
        String d = String.join(" ", c.usageMessage().description()).strip();
        sb.append("  ").append(pad(c.name(), pad)).append(' ').append(d).append('\n');
      }
      sb.append('\n');
    }
    List<OptionSpec> options = visibleOptions(spec);
    if (!options.isEmpty()) {
      sb.append("Options:\n").append(flagTable(options)).append('\n');
    }
    return sb.toString();
  }

  /** "jpod ps [options]", "jpod stop [options] CONTAINER [CONTAINER...]", "jpod volume [command]". */
  static String usageLine(CommandSpec spec) {
    StringBuilder sb = new StringBuilder(spec.qualifiedName(" "));
    if (spec.parent() == null) {
      return sb.append(" [options] [command]").toString();
    }
    if (!spec.subcommands().isEmpty()) {
      return sb.append(" [command]").toString();
    }
    if (!visibleOptions(spec).isEmpty()) {
      sb.append(" [options]");
    }
    String params = params(spec.positionalParameters());
    if (!params.isEmpty()) {
      sb.append(' ').append(params);
    }
    return sb.toString();
  }

  private static String params(List<PositionalParamSpec> params) {
    List<String> parts = new ArrayList<>();
    for (PositionalParamSpec p : params) {
      if (p.hidden()) {
        continue;
      }
      String label = p.paramLabel().replace("<", "").replace(">", "").toUpperCase(java.util.Locale.ROOT);
      CommandLine.Range arity = p.arity();
      boolean many = arity.isVariable() || arity.max() > 1;
      String text;
      if (label.equals("COMMAND") && p.typeInfo().isMultiValue()) {
        text = "[COMMAND [ARG...]]"; // run, create, exec: the command and its arguments
      } else if (arity.min() == 0) {
        text = many ? "[" + label + "...]" : "[" + label + "]";
      } else {
        text = many ? label + " [" + label + "...]" : label;
      }
      parts.add(text);
    }
    return String.join(" ", parts);
  }

  private static List<OptionSpec> visibleOptions(CommandSpec spec) {
    boolean root = spec.parent() == null;
    List<OptionSpec> out = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      // podman hides its own --help flag on commands, and subcommands list only their own flags
      if (o.hidden() || (!root && (o.inherited() || o.usageHelp()))) {
        continue;
      }
      out.add(o);
    }
    out.sort(Comparator.comparing(CobraHelp::longName));
    return out;
  }

  /** pflag's FlagUsages: "  -a, --all   text", the text column aligned for all flags. */
  static String flagTable(Collection<OptionSpec> options) {
    List<String[]> rows = new ArrayList<>();
    int max = 0;
    for (OptionSpec o : options) {
      String shortName = shortName(o);
      String left = (shortName == null ? "      " : "  " + shortName + ", ") + longName(o);
      String text = usage(o);
      String type = typeName(o);
      // pflag: a `word` in backquotes names the value in place of its type
      int q1 = text.indexOf('`');
      int q2 = q1 < 0 ? -1 : text.indexOf('`', q1 + 1);
      if (q2 > q1) {
        type = text.substring(q1 + 1, q2);
        text = text.substring(0, q1) + type + text.substring(q2 + 1);
      }
      if (!type.isEmpty()) {
        left += " " + type;
      }
      max = Math.max(max, left.length());
      rows.add(new String[] {left, text});
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      // pflag: the name column, padding to the widest, three spaces, then the text; continuation
      // lines of a multi-line text start under the text column
      String indent = " ".repeat(max + 3);
      sb.append(pad(r[0], max)).append("   ").append(r[1].replace("\n", "\n" + indent)).append('\n');
    }
    return sb.toString();
  }

  private static String usage(OptionSpec o) {
    String text = String.join("\n", o.description());
    String def = o.defaultValue();
    if (def == null || def.isEmpty() || o.typeInfo().isCollection() || o.typeInfo().isMap()) {
      return text;
    }
    String type = typeName(o);
    if (type.isEmpty()) {
      return def.equals("false") ? text : text + " (default " + def + ")";
    }
    if (type.equals("string")) {
      return text + " (default \"" + def + "\")";
    }
    return def.equals("0") ? text : text + " (default " + def + ")";
  }

  /** pflag's type names: bool flags show none, lists are stringArray, numbers int or float. */
  static String typeName(OptionSpec o) {
    var t = o.typeInfo();
    if (t.isBoolean() || o.arity().max() == 0) {
      return "";
    }
    if (t.isCollection() || t.isArray() || t.isMap()) {
      return o.splitRegex() != null && !o.splitRegex().isEmpty() ? "strings" : "stringArray";
    }
    Class<?> c = t.getType();
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class) {
      return "int";
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return "float";
    }
    return "string";
  }

  private static String longName(OptionSpec o) {
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        return n;
      }
    }
    return o.longestName();
  }

  private static String shortName(OptionSpec o) {
    for (String n : o.names()) {
      if (n.length() == 2 && n.startsWith("-") && !n.startsWith("--")) {
        return n;
      }
    }
    return null;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
