package io.jpod.image.archive;

import java.io.Closeable;
import java.io.IOException;

/** An archive writer: {@link #finish} completes the archive, {@link #close} without it discards it. */
interface FinishableArchive extends Closeable {
  void finish() throws IOException;
}
