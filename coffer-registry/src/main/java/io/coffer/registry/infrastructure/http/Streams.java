package io.coffer.registry.infrastructure.http;

import io.coffer.common.io.OverlappedCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.server.HttpOutput;

/** Copying with bounded memory. */
final class Streams {
  private static final int BUFFER = 256 * 1024;

  private Streams() {}

  /**
   * Sends exactly {@code length} bytes of the channel, decrypting ahead on another thread while
   * the last piece is on its way. Jetty's output takes a direct buffer as is, which spares a
   * copy of every byte on its way to the socket.
   */
  static void send(SeekableByteChannel in, OutputStream out, long length, ExecutorService io) throws IOException {
    boolean jetty = out instanceof HttpOutput;
    long sent = new OverlappedCopy(io, BUFFER, 3, jetty).copy(in::read, b -> {
      if (jetty) {
        ((HttpOutput) out).write(b);
      } else {
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
      }
    }, length);
    if (sent != length) throw new IOException("content ended " + (length - sent) + " bytes early");
  }

  /** Reads at most {@code max} bytes; returns null when the stream holds more. */
  static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] data = in.readNBytes(max + 1);
    return data.length > max ? null : data;
  }
}
