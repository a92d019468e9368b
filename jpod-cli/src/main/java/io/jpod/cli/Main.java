package io.jpod.cli;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** The jpod command line's entry point. The only place that calls {@code System.exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    io.jpod.common.Trace.mark("main");
    int code = run(args, out, err);
    out.flush();
    io.jpod.common.Trace.mark("exit");
    io.jpod.common.Trace.finish();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    args = helpCommand(args);
    JpodCommand root = new JpodCommand();
    root.globals = new GlobalOptions();
    root.globals.argv(List.of(args));
    Path launcher = Path.of(System.getProperty("jpod.launcher", "/usr/local/bin/jpod"));
    CliModels models = CliModels.load();
    Prefetch prefetch = Prefetch.start(args, models.generated());
    try (CliContext ctx = new CliContext(System.in, out, err, root.globals, launcher)) {
      ctx.prefetched(prefetch);
      CommandLine cl = models.commandLine(root, new CliFactory(ctx));
      io.jpod.common.Trace.mark("root command");
      Commands.register(cl, ctx, args, models);
      io.jpod.common.Trace.mark("registered");
      cl.setOut(new java.io.PrintWriter(out, true));
      cl.setErr(new java.io.PrintWriter(err, true));
      cl.setCaseInsensitiveEnumValuesAllowed(true);
      cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, ctx, err));
      cl.setParameterExceptionHandler((ex, a) -> {
        String name = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
        String conversion = GoFlags.conversionMessage(ex);
        if (conversion != null) {
          err.println("Error: " + conversion);
          err.println("See '" + name + " --help'");
          return 125;
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
          String first = u.getUnmatched().getFirst();
          if (first.startsWith("-")) {
            err.println("Error: unknown flag: " + first.split("=", 2)[0]);
          } else if (!ex.getCommandLine().getSubcommands().isEmpty()) {
            err.println("Error: unrecognized command `" + name + " " + first + "`");
            err.println("Try '" + name + " --help' for more information");
            return 125;
          } else {
            err.println("Error: " + ex.getMessage());
          }
        } else {
          err.println("Error: " + ex.getMessage());
        }
        err.println("See '" + name + " --help'");
        return 125;
      });
      // --help prints podman's layout rather than picocli's
      cl.setExecutionStrategy(parsed -> {
        CommandLine.Model.CommandSpec helped = null;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
          if (p.isUsageHelpRequested()) {
            helped = p.commandSpec();
          }
        }
        if (helped == null) {
          return new CommandLine.RunLast().execute(parsed);
        }
        out.print(io.jpod.cli.help.CobraHelp.render(helped));
        return 0;
      });
      io.jpod.common.Trace.mark("cli ready");
      return cl.execute(args);
    }
  }

  /** {@code jpod help [COMMAND...]} is {@code jpod [COMMAND...] --help}, as in podman. */
  static String[] helpCommand(String[] args) {
    List<String> words = Commands.commandWords(args);
    if (words.isEmpty() || !words.getFirst().equals("help")) {
      return args;
    }
    List<String> out = new java.util.ArrayList<>();
    boolean dropped = false;
    for (String a : args) {
      if (!dropped && a.equals("help")) {
        dropped = true;
        continue;
      }
      out.add(a);
    }
    out.add("--help");
    return out.toArray(String[]::new);
  }

  private static int handle(Exception ex, CliContext ctx, PrintStream err) {
    if (ex instanceof ExitCode ec) {
      return ec.code();
    }
    if (ex instanceof JpodException je) {
      if (je.kind() == ErrorKind.NOT_MODIFIED) {
        return 0;
      }
      err.println("Error: " + je.getMessage());
      if (ctx.debug()) {
        je.printStackTrace(err);
      }
      return je.kind().exitCode();
    }
    err.println("Error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
    if (ctx.debug()) {
      ex.printStackTrace(err);
    }
    return 125;
  }

  /** Lets a command end with a specific exit code after printing its own errors. */
  public static final class ExitCode extends RuntimeException {
    private final int code;

    public ExitCode(int code) {
      super(null, null, false, false);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
