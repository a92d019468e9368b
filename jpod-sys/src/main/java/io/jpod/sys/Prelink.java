package io.jpod.sys;

/**
 * Links ahead of time the C functions that starting a container calls (posix_spawn for conmon, pipes,
 * poll and waitpid, mount, the attach socket). Linking a function the first time is slow in a fresh
 * JVM, and a command that runs a container can do it on a second thread while its main thread parses
 * the command line and reads the configuration, instead of in line when each function is first
 * called. Safe to run concurrently with the real calls: each function is linked once.
 */
public final class Prelink {
  private Prelink() {}

  /** Links the functions of a container start; returns when they are linked. */
  public static void containerStart() {
    Spawn.prelink();
    Pipe.prelink();
    Fd.prelink();
    Processes.prelink();
    Mount.prelink();
    SeqPacketSocket.prelink();
  }
}
