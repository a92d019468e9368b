package io.jpod.image.archive;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A range of a file read with positional reads, so many slices of one channel can be read at once. */
final class SliceInputStream extends InputStream {
  private final FileChannel channel;
  private final long end;
  private final String what;
  private long position;

  SliceInputStream(FileChannel channel, long start, long length, String what) {
    this.channel = channel;
    this.position = start;
    this.end = start + length;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    int want = (int) Math.min(len, end - position);
    int n = channel.read(ByteBuffer.wrap(buf, off, want), position);
    if (n < 0) {
      throw JpodException.invalid(what + " is truncated");
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long step = Math.max(0, Math.min(n, end - position));
    position += step;
    return step;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }
}
