package io.jpod.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands with the {@link CliContext} handed to their constructor, so nothing is global. */
final class CliFactory implements CommandLine.IFactory {
  private final CliContext ctx;
  // picocli's own factory probes for Groovy classes when it is made (a failed class lookup per start),
  // so it is made only for the types handled here not at all (collection interfaces and the like).
  private CommandLine.IFactory fallback;

  CliFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (!cls.isInterface() && !java.lang.reflect.Modifier.isAbstract(cls.getModifiers())) {
      // looked up without exceptions: a thrown NoSuchMethodException costs a cold JVM noticeably
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        Class<?>[] params = c.getParameterTypes();
        if (params.length == 1 && params[0] == CliContext.class) {
          return cls.cast(c.newInstance(ctx));
        }
      }
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 0) {
          c.setAccessible(true);
          return cls.cast(c.newInstance());
        }
      }
    }
    if (fallback == null) {
      fallback = CommandLine.defaultFactory();
    }
    return fallback.create(cls);
  }
}
