package io.coffer.common.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Copies from a source to a sink with each on its own thread, through a few reusable buffers, so
 * that producing (reading and hashing, or decrypting) overlaps consuming (encrypting and writing,
 * or sending). Memory stays bounded at {@code buffers × bufferSize}.
 */
public final class OverlappedCopy {
  /** Fills the buffer from its position; returns the bytes read, or -1 at the end. */
  @FunctionalInterface
  public interface Source {
    int read(ByteBuffer buffer) throws IOException;
  }

  /** Takes all the remaining bytes of the buffer. */
  @FunctionalInterface
  public interface Sink {
    void write(ByteBuffer buffer) throws IOException;
  }

  private static final ByteBuffer END = ByteBuffer.allocate(0);
  private final ExecutorService executor;
  private final int bufferSize;
  private final int buffers;
  private final boolean direct;

  public OverlappedCopy(ExecutorService executor, int bufferSize, int buffers, boolean direct) {
    this.executor = executor;
    this.bufferSize = bufferSize;
    this.buffers = buffers;
    this.direct = direct;
  }

  /**
   * Copies until the source ends or {@code limit} bytes have passed; returns the bytes copied.
   * The source runs on the executor, the sink on the calling thread. A failure on either side
   * stops both and is thrown here.
   */
  public long copy(Source source, Sink sink, long limit) throws IOException {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(buffers);
    BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(buffers + 1);
    for (int i = 0; i < buffers; i++) free.add(direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize));
    IOException[] producerFailure = new IOException[1];
    Future<?> producer = executor.submit(() -> {
      long left = limit;
      try {
        while (left > 0) {
          ByteBuffer b = free.take();
          b.clear();
          if (left < b.capacity()) b.limit((int) left);
          boolean ended = false;
          while (b.hasRemaining()) {
            if (source.read(b) < 0) {
              ended = true;
              break;
            }
          }
          b.flip();
          left -= b.remaining();
          if (b.hasRemaining()) full.put(b);
          if (ended) break;
        }
      } catch (IOException e) {
        producerFailure[0] = e;
      } catch (InterruptedException e) {
        producerFailure[0] = new InterruptedIOException("copy cancelled");
      } catch (RuntimeException e) {
        producerFailure[0] = new IOException(e);
      } finally {
        full.offer(END);
      }
    });
    long copied = 0;
    boolean done = false;
    try {
      while (true) {
        ByteBuffer b = full.take();
        if (b == END) break;
        copied += b.remaining();
        sink.write(b);
        free.put(b);
      }
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("copy interrupted");
    } finally {
      if (!done) producer.cancel(true);
    }
    try {
      producer.get();
    } catch (Exception e) {
      throw new IOException(e);
    }
    if (producerFailure[0] != null) throw producerFailure[0];
    return copied;
  }
}
