package io.jpod.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * One C function, linked on its first call. Every jpod command is a fresh JVM, and linking a downcall
 * spins classes and LambdaForms that the AOT cache cannot keep, so a class links only the functions
 * a command really calls instead of all of them in its static initializer.
 */
// Linking native code is restricted by design; jpod is run with --enable-native-access.
@SuppressWarnings("restricted")
final class Downcall {
  private final String name;
  private final FunctionDescriptor descriptor;
  private final Linker.Option[] options;
  // null until the first use, then the handle or empty when the C library lacks the symbol.
  private volatile Optional<MethodHandle> linked;

  Downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
    this.name = name;
    this.descriptor = descriptor;
    this.options = options.clone();
  }

  /** The handle, linked on the first call; an UnsatisfiedLinkError if the C library lacks the function. */
  /** Links every function given that this C library has (see {@link Prelink}). */
  static void linkAll(Downcall... calls) {
    for (Downcall d : calls) {
      if (d.isPresent()) {
        d.handle();
      }
    }
  }

  MethodHandle handle() {
    Optional<MethodHandle> h = find();
    if (h.isEmpty()) {
      throw new UnsatisfiedLinkError("no C symbol " + name);
    }
    return h.get();
  }

  /** Whether the C library has the function (newer glibc additions may be missing); links it if so. */
  boolean isPresent() {
    return find().isPresent();
  }

  String name() {
    return name;
  }

  /** Whether the function was linked (or found missing) already; for tests. */
  boolean isLinked() {
    return linked != null;
  }

  private Optional<MethodHandle> find() {
    Optional<MethodHandle> h = linked;
    if (h == null) {
      // Concurrent first calls link once: a second link would cost as much as the first.
      synchronized (this) {
        h = linked;
        if (h == null) {
          h = Native.LOOKUP.find(name).map(this::link);
          linked = h;
        }
      }
    }
    return h;
  }

  private MethodHandle link(MemorySegment symbol) {
    return Native.LINKER.downcallHandle(symbol, descriptor, options);
  }

  /** The C address of a global variable such as {@code environ}. */
  static MemorySegment global(String name, long size) {
    return Native.LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no C symbol " + name)).reinterpret(size);
  }

  // Loading libc's lookup is only worth it once something is about to be linked.
  private static final class Native {
    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LOOKUP = LINKER.defaultLookup();
  }
}
