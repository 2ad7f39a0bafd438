package io.coffer.registry.infrastructure.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** Copying with bounded memory. */
final class Streams {
  private static final int BUFFER = 256 * 1024;

  private Streams() {}

  /**
   * Copies exactly {@code length} bytes from the channel to the stream. Jetty's output takes a
   * direct buffer as is, which spares a copy of every byte on its way to the socket.
   */
  static void copy(SeekableByteChannel in, OutputStream out, long length) throws IOException {
    boolean direct = out instanceof org.eclipse.jetty.server.HttpOutput;
    ByteBuffer buf = direct ? ByteBuffer.allocateDirect(BUFFER) : ByteBuffer.allocate(BUFFER);
    long left = length;
    while (left > 0) {
      buf.clear();
      if (left < buf.capacity()) buf.limit((int) left);
      int n = in.read(buf);
      if (n < 0) throw new IOException("content ended " + left + " bytes early");
      buf.flip();
      if (direct) {
        ((org.eclipse.jetty.server.HttpOutput) out).write(buf);
      } else {
        out.write(buf.array(), 0, n);
      }
      left -= n;
    }
  }

  /** Reads at most {@code max} bytes; returns null when the stream holds more. */
  static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] data = in.readNBytes(max + 1);
    return data.length > max ? null : data;
  }
}
