package io.jpod.common;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Random bytes read from /dev/urandom, as SecureRandom would on Linux, but without its provider set-up
 * (~4 ms of a short command that opens the store); SecureRandom only if the device cannot be read.
 * For ids and names (objects, staging directories, layers, overlay links, temp files), not for keys.
 */
public final class KernelRandom implements RandomGenerator {
  @Override
  public void nextBytes(byte[] bytes) {
    try (FileInputStream in = new FileInputStream("/dev/urandom")) {
      if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) {
        return;
      }
    } catch (IOException e) {
      // fall back below
    }
    new SecureRandom().nextBytes(bytes);
  }

  @Override
  public long nextLong() {
    byte[] b = new byte[Long.BYTES];
    nextBytes(b);
    return ByteBuffer.wrap(b).getLong();
  }

  /** A random (version 4) UUID, as {@link UUID#randomUUID()} makes. */
  public UUID uuid() {
    byte[] b = new byte[16];
    nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    ByteBuffer buf = ByteBuffer.wrap(b);
    return new UUID(buf.getLong(), buf.getLong());
  }
}
