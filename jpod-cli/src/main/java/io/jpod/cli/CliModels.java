package io.jpod.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Command models built by code the build generates from the picocli annotations
 * ({@code src/build/CliModelGen.java}), so a start of the CLI does not read annotations through
 * reflection; picocli's own reflection is the fall-back when the generated code is absent (a build
 * that skipped the step) or does not know the class.
 */
final class CliModels {
  /** What the generated {@code CliModels_} implements. */
  interface Source {
    /** The model of {@code command} (an instance of {@code cls}), or null when the class is unknown. */
    CommandSpec spec(Class<?> cls, Object command, CommandLine.IFactory factory) throws Exception;
  }

  private final Source source;

  private CliModels(Source source) {
    this.source = source;
  }

  /** The generated models if the build made them, else picocli's reflection. */
  static CliModels load() {
    try {
      Class<?> c = Class.forName("io.jpod.cli.CliModels_");
      return new CliModels((Source) c.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      return reflective();
    }
  }

  /** Models read from the annotations by picocli at run time. */
  static CliModels reflective() {
    return new CliModels(null);
  }

  /** Whether the models come from generated code (picocli then reads no annotations). */
  boolean generated() {
    return source != null;
  }

  /** The command line for an instance of a command class. */
  CommandLine commandLine(Object command, CommandLine.IFactory factory) {
    if (source != null) {
      try {
        CommandSpec spec = source.spec(command.getClass(), command, factory);
        if (spec != null) {
          return new CommandLine(spec, factory);
        }
      } catch (Exception e) {
        throw new CommandLine.InitializationException("building the model of " + command.getClass().getName() + ": " + e, e);
      }
    }
    return new CommandLine(command, factory);
  }

  /** The command line for a command class, made through {@code factory}. */
  CommandLine commandLine(Class<?> cls, CommandLine.IFactory factory) {
    if (source == null) {
      return new CommandLine(cls, factory);
    }
    try {
      return commandLine(factory.create(cls), factory);
    } catch (CommandLine.InitializationException e) {
      throw e;
    } catch (Exception e) {
      throw new CommandLine.InitializationException("creating " + cls.getName() + ": " + e, e);
    }
  }
}
