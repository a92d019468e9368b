package io.jpod.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands with the {@link CliContext} handed to their constructor, so nothing is global. */
final class CliFactory implements CommandLine.IFactory {
  private final CliContext ctx;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CliFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
      return c.newInstance(ctx);
    } catch (NoSuchMethodException e) {
      return fallback.create(cls);
    }
  }
}
