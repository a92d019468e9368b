package io.jpod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The models generated at build time are the ones picocli makes from the annotations. */
class CliModelsTest {
  private final CliModels generated = CliModels.load();
  private final CliModels reflective = CliModels.reflective();

  @Test
  void theBuildGeneratedTheModels() {
    assertThat(generated.generated()).as("io.jpod.cli.CliModels_ (made by src/build/CliModelGen.java)").isTrue();
  }

  @Test
  void everyCommandHasTheSameModelAsPicocliMakes() {
    for (Class<?> cls : commandClasses()) {
      CommandLine gen = generated.commandLine(cls, new TestFactory());
      CommandLine ref = reflective.commandLine(cls, new TestFactory());
      assertSameModel(cls.getName(), gen.getCommandSpec(), ref.getCommandSpec());
      assertThat(gen.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(cls.getName() + " usage")
          .isEqualTo(ref.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }
  }

  @Test
  void optionTypesNeedNoReflectiveConverter() {
    // bin/jpod turns off picocli's reflective converters (java.time, java.sql, Path...) to start faster
    var allowed = java.util.Set.<Class<?>>of(String.class, boolean.class, Boolean.class, int.class, Integer.class, long.class,
        Long.class, List.class);
    for (Class<?> cls : commandClasses()) {
      for (ArgSpec a : reflective.commandLine(cls, new TestFactory()).getCommandSpec().args()) {
        if (a.converters().length > 0) {
          continue;
        }
        assertThat(allowed).as(cls.getName() + " " + names(List.of(a)) + " type").contains(a.type());
        for (Class<?> aux : a.auxiliaryTypes()) {
          assertThat(allowed).as(cls.getName() + " " + names(List.of(a)) + " element type").contains(aux);
        }
      }
    }
  }

  @Test
  void parsedValuesLandInTheSameFields() throws Exception {
    Map<Class<?>, String[]> samples = new LinkedHashMap<>();
    samples.put(io.jpod.cli.container.CreateCommand.class, new String[] {"--name", "x", "-e", "A=1", "-e", "B", "--memory", "1g",
        "-p", "8080:80", "--rm", "-t", "--ulimit", "nofile=10:10", "--stop-timeout", "3", "busybox", "ls", "-l"});
    samples.put(io.jpod.cli.container.RunCommand.class, new String[] {"-d", "--rm", "-v", "/a:/b:ro", "--network", "none",
        "--init", "-w", "/tmp", "busybox", "sh", "-c", "true"});
    samples.put(io.jpod.cli.container.PsCommand.class, new String[] {"-a", "-q", "--filter", "name=x", "--format", "{{.ID}}"});
    samples.put(io.jpod.cli.container.ExecCommand.class, new String[] {"-it", "-e", "X=1", "-u", "0", "ctr", "sh"});
    samples.put(io.jpod.cli.container.StopCommand.class, new String[] {"-t", "5", "a", "b"});
    samples.put(JpodCommand.class, new String[] {"--root", "/r", "--runroot", "/rr", "--storage-opt", "a=b", "-r"});
    for (Map.Entry<Class<?>, String[]> e : samples.entrySet()) {
      CommandLine gen = generated.commandLine(e.getKey(), new TestFactory());
      CommandLine ref = reflective.commandLine(e.getKey(), new TestFactory());
      gen.setStopAtPositional(true); // as Commands sets it for run, create and exec
      ref.setStopAtPositional(true);
      gen.parseArgs(e.getValue());
      ref.parseArgs(e.getValue());
      assertThat(fieldValues(gen.getCommand())).as(e.getKey().getName() + " " + String.join(" ", e.getValue()))
          .isEqualTo(fieldValues(ref.getCommand()));
    }
  }

  private static List<Class<?>> commandClasses() {
    List<Class<?>> all = new ArrayList<>(List.of(JpodCommand.class, Commands.Group.class));
    Commands.tables().forEach((group, table) -> table.forEach((name, cmd) -> all.add(cmd.type())));
    return all;
  }

  private static void assertSameModel(String what, CommandSpec gen, CommandSpec ref) {
    assertThat(gen.name()).as(what + " name").isEqualTo(ref.name());
    assertThat(gen.aliases()).as(what + " aliases").isEqualTo(ref.aliases());
    assertThat(gen.mixins().keySet()).as(what + " mixins").containsExactlyElementsOf(ref.mixins().keySet());
    assertThat(names(gen.args())).as(what + " arguments in order").isEqualTo(names(ref.args()));
    for (int i = 0; i < ref.args().size(); i++) {
      ArgSpec g = gen.args().get(i);
      ArgSpec r = ref.args().get(i);
      assertThat(describe(g)).as(what + " " + names(List.of(r))).isEqualTo(describe(r));
    }
  }

  private static List<String> names(List<ArgSpec> args) {
    return args.stream().map(a -> a instanceof OptionSpec o ? String.join("|", o.names()) : "#" + ((PositionalParamSpec) a).index())
        .toList();
  }

  /** Everything about an argument that parsing and help depend on. */
  private static Map<String, Object> describe(ArgSpec a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arity", a.arity() + " unspecified=" + a.arity().isUnspecified());
    m.put("paramLabel", a.paramLabel());
    m.put("hideParamSyntax", a.hideParamSyntax());
    m.put("description", List.of(a.description()));
    m.put("type", a.type());
    m.put("auxiliaryTypes", List.of(a.auxiliaryTypes()));
    m.put("converters", Arrays.stream(a.converters()).map(c -> c.getClass().getName()).toList());
    m.put("defaultValue", a.defaultValue());
    m.put("splitRegex", a.splitRegex());
    m.put("hidden", a.hidden());
    m.put("required", a.required());
    m.put("interactive", a.interactive());
    m.put("scopeType", a.scopeType());
    m.put("inherited", a.inherited());
    m.put("showDefaultValue", a.showDefaultValue());
    m.put("mapFallbackValue", a.mapFallbackValue());
    m.put("hasInitialValue", a.hasInitialValue());
    m.put("initialValue", a.initialValue());
    var t = a.typeInfo();
    m.put("typeInfo", List.of(t.getClassName(), t.isBoolean(), t.isMultiValue(), t.isArray(), t.isCollection(), t.isMap(),
        t.isEnum(), t.isOptional(), t.getEnumConstantNames(), t.getAuxiliaryTypeInfos().size()));
    if (a instanceof OptionSpec o) {
      m.put("fallbackValue", o.fallbackValue());
      m.put("negatable", o.negatable());
      m.put("usageHelp", o.usageHelp());
      m.put("versionHelp", o.versionHelp());
      m.put("help", o.help());
      m.put("order", o.order());
    } else if (a instanceof PositionalParamSpec p) {
      m.put("index", p.index() + " unspecified=" + p.index().isUnspecified());
    }
    return m;
  }

  /** Every field of a command object and of its mixins, by name. */
  private static Map<String, Object> fieldValues(Object o) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object v = f.get(o);
        if (f.isAnnotationPresent(CommandLine.Mixin.class) && v != null) {
          fieldValues(v).forEach((k, x) -> m.put(f.getName() + "." + k, x));
        } else if (!(v instanceof CommandSpec)) {
          m.put(c.getSimpleName() + "." + f.getName(), v);
        }
      }
    }
    return m;
  }

  /** Command objects without a context, as picocli needs them only to read and set fields here. */
  private static final class TestFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (!cls.isInterface() && !Modifier.isAbstract(cls.getModifiers())) {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
          c.setAccessible(true);
          if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
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
