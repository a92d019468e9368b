import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Build step: writes Java code that builds jpod's picocli command models without reflection.
 *
 * <p>picocli reads a command's annotations at run time: every start of the CLI parsed them (one
 * dynamic proxy class per annotation type, a method-handle accessor per annotated field), ~40 ms of
 * a short command on a cold JVM. This program lets picocli build each model here, at build time,
 * from the same annotations, and writes code that makes the identical model with picocli's
 * programmatic API and plain field assignments. The annotations stay the single source of truth;
 * {@code CliModelsTest} checks the generated models against picocli's own.
 *
 * <p>Usage: {@code java -cp CLASSPATH CliModelGen CLASSES_DIR OUTPUT_DIR}: every class under
 * CLASSES_DIR/io/jpod/cli annotated with {@code @Command} is a command. One {@code CliModel_} class
 * is written per package (it may touch that package's fields) and {@code io.jpod.cli.CliModels_}
 * dispatches to them.
 */
public final class CliModelGen {
  private static final String ROOT_PACKAGE = "io.jpod.cli";

  /** Fields and methods, numbered per package, that generated getters and setters reach. */
  private final Map<String, List<Member>> bindings = new TreeMap<>();
  /** Generated builder methods per package. */
  private final Map<String, StringBuilder> bodies = new TreeMap<>();
  private final Map<String, List<String>> commandsByPackage = new TreeMap<>();

  public static void main(String[] args) throws Exception {
    Path classes = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<Class<?>> commands = new ArrayList<>();
    Path base = classes.resolve(ROOT_PACKAGE.replace('.', '/'));
    try (Stream<Path> files = Files.walk(base)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("CliModel_") || name.endsWith("CliModels_") || name.contains("CliModel_$")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, CliModelGen.class.getClassLoader());
        if (c.isAnnotationPresent(CommandLine.Command.class) && !Modifier.isAbstract(c.getModifiers())) {
          commands.add(c);
        }
      }
    }
    CliModelGen gen = new CliModelGen();
    for (Class<?> c : commands) {
      gen.command(c);
    }
    gen.write(out);
  }

  // ---- one command ------------------------------------------------------------------------------

  private void command(Class<?> cls) throws Exception {
    CommandSpec spec = new CommandLine(cls, new BuildFactory()).getCommandSpec();
    String pkg = cls.getPackageName();
    String method = methodName(cls);
    StringBuilder b = bodies.computeIfAbsent(pkg, k -> new StringBuilder());
    commandsByPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(cls.getName() + "=" + method);
    b.append("\n  private static CommandSpec ").append(method).append("(Object cmd, IFactory f) throws Exception {\n");
    b.append("    CommandSpec s = CommandSpec.wrapWithoutInspection(cmd, f);\n");
    commandAttributes(b, spec, cls);
    specElements(b, spec, "s", "cmd", "s");
    args(b, spec, "s", "cmd", "s", "    ");
    b.append("    return s;\n  }\n");
  }

  private void commandAttributes(StringBuilder b, CommandSpec spec, Class<?> cls) throws Exception {
    CommandSpec plain = CommandSpec.wrapWithoutInspection(new Object());
    CommandLine.Command ann = cls.getAnnotation(CommandLine.Command.class);
    if (!spec.name().equals(plain.name())) {
      b.append("    s.name(").append(lit(spec.name())).append(");\n");
    }
    if (spec.aliases().length > 0) {
      b.append("    s.aliases(").append(lits(spec.aliases())).append(");\n");
    }
    if (ann.version().length > 0) { // not spec.version(): that asks the version provider
      b.append("    s.version(").append(lits(ann.version())).append(");\n");
    }
    if (!ann.versionProvider().getSimpleName().equals("NoVersionProvider")) {
      b.append("    s.versionProvider(f.create(").append(typeName(ann.versionProvider())).append(".class));\n");
    }
    if (spec.mixinStandardHelpOptions()) {
      b.append("    s.mixinStandardHelpOptions(true);\n");
    }
    if (ann.subcommands().length > 0 || !ann.defaultValueProvider().getSimpleName().equals("NoDefaultProvider")
        || !ann.resourceBundle().isEmpty() || !ann.modelTransformer().getSimpleName().equals("NoOpModelTransformer")
        || !ann.preprocessor().getSimpleName().equals("NoOpParameterPreprocessor")) {
      throw new IllegalStateException(cls + ": a @Command attribute the generator does not handle");
    }
    for (String a : List.of("helpCommand", "subcommandsRepeatable", "exitCodeOnSuccess", "exitCodeOnUsageHelp",
        "exitCodeOnVersionHelp", "exitCodeOnInvalidInput", "exitCodeOnExecutionException", "scopeType")) {
      Object v = CommandSpec.class.getMethod(a).invoke(spec);
      if (!Objects.equals(v, CommandSpec.class.getMethod(a).invoke(plain))) {
        b.append("    s.").append(a).append("(").append(literal(v)).append(");\n");
      }
    }
    // The usage message: every simple attribute that differs from a fresh one's.
    UsageMessageSpec u = spec.usageMessage();
    UsageMessageSpec d = plain.usageMessage();
    for (Method getter : UsageMessageSpec.class.getMethods()) {
      if (getter.getParameterCount() != 0 || !simple(getter.getReturnType())) {
        continue;
      }
      Method setter = setter(UsageMessageSpec.class, getter);
      if (setter == null) {
        continue;
      }
      Object v = raw(u, getter);
      if (!deepEquals(v, raw(d, getter))) {
        b.append("    s.usageMessage().").append(getter.getName()).append("(").append(literal(v)).append(");\n");
      }
    }
  }

  /** The usage message's own (uninterpolated) value of an attribute. */
  private static Object raw(UsageMessageSpec u, Method getter) throws Exception {
    try {
      Field f = UsageMessageSpec.class.getDeclaredField(getter.getName());
      f.setAccessible(true);
      return f.get(u);
    } catch (NoSuchFieldException e) {
      return getter.invoke(u);
    }
  }

  private static Method setter(Class<?> type, Method getter) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(getter.getName()) && m.getParameterCount() == 1) {
        Class<?> p = m.getParameterTypes()[0];
        if (p == getter.getReturnType() || box(p) == box(getter.getReturnType())) {
          return m;
        }
      }
    }
    return null;
  }

  /** @Spec fields: the command's (or mixin's) own spec, assigned directly. */
  private void specElements(StringBuilder b, CommandSpec spec, String specVar, String targetVar, String mixeeVar) {
    for (CommandLine.Model.IAnnotatedElement e : spec.specElements()) {
      Member m = (Member) e.userObject();
      CommandLine.Spec ann = ((Field) m).getAnnotation(CommandLine.Spec.class);
      String value = ann.value() == CommandLine.Spec.Target.MIXEE ? mixeeVar : specVar;
      b.append("    ").append(bind(m, targetVar)).append(".set(").append(value).append(");\n");
    }
    if (!spec.parentCommandElements().isEmpty() || !spec.unmatchedArgsBindings().isEmpty() || !spec.argGroups().isEmpty()) {
      throw new IllegalStateException(spec.userObject().getClass() + ": @ParentCommand, @Unmatched or @ArgGroup not handled");
    }
  }

  /** Options, positional parameters and mixins, in the order picocli added them. */
  private void args(StringBuilder b, CommandSpec spec, String specVar, String targetVar, String mixeeVar, String ind)
      throws Exception {
    Map<ArgSpec, String> mixinOf = new IdentityHashMap<>();
    for (Map.Entry<String, CommandSpec> e : spec.mixins().entrySet()) {
      for (ArgSpec a : e.getValue().args()) {
        mixinOf.put(a, e.getKey());
      }
    }
    Set<String> doneMixins = new java.util.HashSet<>();
    if (spec.mixinStandardHelpOptions()) {
      doneMixins.add("mixinStandardHelpOptions"); // added by s.mixinStandardHelpOptions(true)
    }
    for (ArgSpec a : spec.args()) {
      String mixin = mixinOf.get(a);
      if (mixin != null) {
        if (doneMixins.add(mixin)) {
          mixin(b, spec, mixin, specVar, targetVar, mixeeVar, ind);
        }
        continue;
      }
      b.append(ind).append(arg(a, targetVar, specVar, ind));
    }
    for (String m : spec.mixins().keySet()) {
      if (!doneMixins.contains(m)) {
        mixin(b, spec, m, specVar, targetVar, mixeeVar, ind);
      }
    }
  }

  private int mixinCounter;

  private void mixin(StringBuilder b, CommandSpec spec, String name, String specVar, String targetVar, String mixeeVar,
      String ind) throws Exception {
    CommandSpec mixin = spec.mixins().get(name);
    Member field = (Member) spec.mixinAnnotatedElements().get(name).userObject();
    Class<?> type = ((Field) field).getType();
    int n = mixinCounter++;
    String obj = "m" + n;
    String mspec = "ms" + n;
    b.append(ind).append("Object ").append(obj).append(" = ").append(bind(field, targetVar)).append(".get();\n");
    b.append(ind).append("if (").append(obj).append(" == null) {\n");
    b.append(ind).append("  ").append(obj).append(" = f.create(").append(typeName(type)).append(".class);\n");
    b.append(ind).append("  ").append(bind(field, targetVar)).append(".set(").append(obj).append(");\n");
    b.append(ind).append("}\n");
    b.append(ind).append("CommandSpec ").append(mspec).append(" = CommandSpec.wrapWithoutInspection(").append(obj)
        .append(", f);\n");
    specElements(b, mixin, mspec, obj, specVar);
    args(b, mixin, mspec, obj, specVar, ind);
    b.append(ind).append(specVar).append(".addMixin(").append(lit(name)).append(", ").append(mspec).append(");\n");
  }

  /** One option or positional parameter, as a builder expression. */
  private int bindingCounter;

  /** One option or positional parameter: a binding variable, then the statement that adds it. */
  private String arg(ArgSpec a, String targetVar, String specVar, String ind) throws Exception {
    // ArgSpec.Builder is not public: its attributes are read through reflection
    Object src = a.isOption() ? ((OptionSpec) a).toBuilder() : ((PositionalParamSpec) a).toBuilder();
    Object dflt;
    StringBuilder e = new StringBuilder();
    if (a.isOption()) {
      OptionSpec.Builder o = (OptionSpec.Builder) src;
      e.append("OptionSpec.builder(").append(lits(o.names())).append(")");
      dflt = OptionSpec.builder(o.names());
    } else {
      e.append("PositionalParamSpec.builder()");
      dflt = PositionalParamSpec.builder();
    }
    Set<String> special = Set.of("getter", "setter", "scope", "initialValue", "hasInitialValue", "userObject",
        "typeInfo", "root", "converters", "toString", "names", "build", "completionCandidates", "parameterConsumer",
        "preprocessor", "type", "auxiliaryTypes", "annotatedElement");
    for (Method getter : src.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || special.contains(getter.getName())
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      getter.setAccessible(true);
      Object v = getter.invoke(src);
      Object d = getter.invoke(dflt);
      if (deepEquals(v, d)) {
        continue;
      }
      if (!simple(getter.getReturnType())) {
        throw new IllegalStateException(a + ": attribute " + getter.getName() + " of type " + getter.getReturnType());
      }
      e.append("\n        .").append(getter.getName()).append("(").append(literal(v)).append(")");
    }
    e.append("\n        .type(").append(typeName((Class<?>) call(src, "type"))).append(".class)");
    Class<?>[] aux = (Class<?>[]) call(src, "auxiliaryTypes");
    if (aux != null && aux.length > 0) {
      StringBuilder t = new StringBuilder();
      for (Class<?> c : aux) {
        t.append(t.isEmpty() ? "" : ", ").append(typeName(c)).append(".class");
      }
      e.append(".auxiliaryTypes(").append(t).append(")");
    }
    CommandLine.ITypeConverter<?>[] converters = (CommandLine.ITypeConverter<?>[]) call(src, "converters");
    if (converters != null && converters.length > 0) {
      StringBuilder t = new StringBuilder();
      for (CommandLine.ITypeConverter<?> c : converters) {
        t.append(t.isEmpty() ? "" : ", ").append("f.create(").append(typeName(c.getClass())).append(".class)");
      }
      e.append("\n        .converters(").append(t).append(")");
    }
    for (String hook : List.of("completionCandidates", "parameterConsumer", "preprocessor")) {
      Object v = call(src, hook);
      // picocli's annotation reading fills in do-nothing instances (its NoOp... and No... classes)
      if (v != null && !v.getClass().getSimpleName().startsWith("No")) {
        throw new IllegalStateException(a + ": " + hook + " " + v.getClass() + " not handled");
      }
    }
    Member m = (Member) call(src, "userObject");
    String binding = "b" + bindingCounter++;
    e.insert(0, "var " + binding + " = " + bind(m, targetVar) + ";\n" + ind + specVar + ".add" + (a.isOption() ? "Option(" : "Positional("));
    e.append("\n        .getter(").append(binding).append(").setter(").append(binding).append(")");
    if ((Boolean) call(src, "hasInitialValue")) {
      // read from the fresh command object, as picocli does
      e.append(".hasInitialValue(true).initialValue(").append(binding).append(".get())");
    } else {
      e.append(".hasInitialValue(false)");
    }
    e.append(".withToString(").append(lit(String.valueOf(call(src, "toString")))).append(")");
    e.append(".build());\n");
    return e.toString();
  }

  private static Object call(Object target, String method) throws Exception {
    Method m = target.getClass().getMethod(method);
    m.setAccessible(true);
    return m.invoke(target);
  }

  // ---- bindings ---------------------------------------------------------------------------------

  /** An expression for the getter/setter of {@code m} on the object in {@code targetVar}. */
  private String bind(Member m, String targetVar) {
    String pkg = m.getDeclaringClass().getPackageName();
    List<Member> list = bindings.computeIfAbsent(pkg, k -> new ArrayList<>());
    int idx = list.indexOf(m);
    if (idx < 0) {
      list.add(m);
      idx = list.size() - 1;
    }
    if (m instanceof Field f && Modifier.isPrivate(f.getModifiers())) {
      throw new IllegalStateException(f + " is private: make it package-private so generated code can set it");
    }
    if (m instanceof Method meth && (Modifier.isPrivate(meth.getModifiers()) || meth.getParameterCount() != 1)) {
      throw new IllegalStateException(meth + ": only non-private one-argument methods can be options");
    }
    return pkg + ".CliModel_.bind(" + targetVar + ", " + idx + ")";
  }

  // ---- output -----------------------------------------------------------------------------------

  private void write(Path out) throws IOException {
    Set<String> packages = new java.util.TreeSet<>(bodies.keySet());
    packages.addAll(bindings.keySet());
    for (String pkg : packages) {
      StringBuilder s = new StringBuilder();
      s.append("package ").append(pkg).append(";\n\n");
      s.append("import picocli.CommandLine.IFactory;\n");
      s.append("import picocli.CommandLine.Model.CommandSpec;\n");
      s.append("import picocli.CommandLine.Model.OptionSpec;\n");
      s.append("import picocli.CommandLine.Model.PositionalParamSpec;\n\n");
      s.append("/** Generated by jpod-cli/src/build/CliModelGen.java from the picocli annotations: do not edit. */\n");
      s.append("@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n");
      s.append("public final class CliModel_ {\n  private CliModel_() {}\n");
      s.append("\n  /** The model of command class {@code name}, or null when it is not in this package. */\n");
      s.append("  public static CommandSpec spec(String name, Object cmd, IFactory f) throws Exception {\n");
      s.append("    return switch (name) {\n");
      for (String c : commandsByPackage.getOrDefault(pkg, List.of())) {
        String[] kv = c.split("=");
        s.append("      case ").append(lit(kv[0])).append(" -> ").append(kv[1]).append("(cmd, f);\n");
      }
      s.append("      default -> null;\n    };\n  }\n");
      s.append(bodies.getOrDefault(pkg, new StringBuilder()));
      binding(s, bindings.getOrDefault(pkg, List.of()));
      s.append("}\n");
      writeSource(out, pkg, "CliModel_", s);
    }
    StringBuilder s = new StringBuilder();
    s.append("package ").append(ROOT_PACKAGE).append(";\n\n");
    s.append("/** Generated by jpod-cli/src/build/CliModelGen.java: finds a command's generated model. */\n");
    s.append("final class CliModels_ implements CliModels.Source {\n");
    s.append("  @Override\n  public picocli.CommandLine.Model.CommandSpec spec(Class<?> cls, Object cmd, picocli.CommandLine.IFactory f)\n");
    s.append("      throws Exception {\n    return switch (cls.getPackageName()) {\n");
    for (String pkg : bodies.keySet()) {
      s.append("      case ").append(lit(pkg)).append(" -> ").append(pkg).append(".CliModel_.spec(cls.getName(), cmd, f);\n");
    }
    s.append("      default -> null;\n    };\n  }\n}\n");
    writeSource(out, ROOT_PACKAGE, "CliModels_", s);
  }

  private static void writeSource(Path out, String pkg, String className, CharSequence text) throws IOException {
    Path file = out.resolve(pkg.replace('.', '/')).resolve(className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** One getter/setter class per package: a switch over the numbered fields and methods. */
  private static void binding(StringBuilder s, List<Member> members) {
    s.append("\n  /** Reads and writes one annotated field (or calls one annotated method) of one object. */\n");
    s.append("  public static Binding bind(Object target, int index) {\n    return new Binding(target, index);\n  }\n\n");
    s.append("  public static final class Binding implements picocli.CommandLine.Model.IGetter, picocli.CommandLine.Model.ISetter {\n");
    s.append("    private final Object target;\n    private final int index;\n");
    s.append("    private Object methodValue; // what an annotated method was last given, as picocli's own binding keeps it\n\n");
    s.append("    Binding(Object target, int index) {\n      this.target = target;\n      this.index = index;\n    }\n\n");
    s.append("    @Override\n    public <T> T get() {\n      return (T) switch (index) {\n");
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (m instanceof Field f) {
        s.append("        case ").append(i).append(" -> ((").append(typeName(f.getDeclaringClass())).append(") target).")
            .append(f.getName()).append(";\n");
      } else {
        s.append("        case ").append(i).append(" -> methodValue;\n");
      }
    }
    s.append("        default -> throw new IllegalStateException(\"binding \" + index);\n      };\n    }\n\n");
    s.append("    @Override\n    public <T> T set(T value) {\n      Object old = get();\n      switch (index) {\n");
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (m instanceof Field f) {
        s.append("        case ").append(i).append(" -> ((").append(typeName(f.getDeclaringClass())).append(") target).")
            .append(f.getName()).append(" = (").append(typeName(box(f.getType()))).append(") value;\n");
      } else {
        Method meth = (Method) m;
        s.append("        case ").append(i).append(" -> {\n          ((").append(typeName(meth.getDeclaringClass()))
            .append(") target).").append(meth.getName()).append("((").append(typeName(box(meth.getParameterTypes()[0])))
            .append(") value);\n          methodValue = value;\n        }\n");
      }
    }
    s.append("        default -> throw new IllegalStateException(\"binding \" + index);\n      }\n      return (T) old;\n    }\n  }\n");
  }

  // ---- literals ---------------------------------------------------------------------------------

  private static boolean simple(Class<?> t) {
    return t == String.class || t == String[].class || t == boolean.class || t == Boolean.class || t == int.class
        || t == Integer.class || t == char.class || t == Character.class || t == CommandLine.Range.class || t.isEnum();
  }

  private static String literal(Object v) {
    return switch (v) {
      case null -> "null";
      case String s -> lit(s);
      case String[] a -> lits(a);
      case Boolean bo -> bo.toString();
      case Integer i -> i.toString();
      case Character c -> "'" + (c == '\'' || c == '\\' ? "\\" + c : String.valueOf(c)) + "'";
      case CommandLine.Range r -> "new picocli.CommandLine.Range(" + r.min() + ", " + r.max() + ", " + r.isVariable()
          + ", " + r.isUnspecified() + ", " + lit(r.originalValue()) + ")";
      case Enum<?> e -> typeName(e.getDeclaringClass()) + "." + e.name();
      default -> throw new IllegalStateException("no literal for " + v.getClass());
    };
  }

  private static String lits(String[] a) {
    StringBuilder s = new StringBuilder("new String[] {");
    for (int i = 0; i < a.length; i++) {
      s.append(i == 0 ? "" : ", ").append(lit(a[i]));
    }
    return s.append("}").toString();
  }

  private static String lit(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean deepEquals(Object a, Object b) {
    return Objects.deepEquals(a, b);
  }

  private static Class<?> box(Class<?> t) {
    if (!t.isPrimitive()) {
      return t;
    }
    return Array.get(Array.newInstance(t, 1), 0).getClass();
  }

  private static String typeName(Class<?> c) {
    return c.getCanonicalName();
  }

  private static String methodName(Class<?> c) {
    String n = c.getName().substring(c.getPackageName().length() + 1).replace('$', '_');
    return Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }

  /** Makes command objects as jpod's own factory does, without a context (the build has none). */
  private static final class BuildFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (!cls.isInterface() && !Modifier.isAbstract(cls.getModifiers())) {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
          c.setAccessible(true);
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0].getSimpleName().equals("CliContext")) {
            return cls.cast(c.newInstance((Object) null));
          }
          if (c.getParameterCount() == 0) {
            return cls.cast(c.newInstance());
          }
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
