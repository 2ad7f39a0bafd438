package io.coffer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs work on a fixed number of plain threads; the first failure stops the others and is rethrown. */
final class Parallel {
  private Parallel() {}

  /** The body of one worker; it should return soon once {@code stop} says so. */
  interface Worker {
    void run(int worker, Stop stop) throws Exception;
  }

  /** Set when any worker failed. */
  interface Stop {
    boolean requested();
  }

  interface Task {
    void run(int index, byte[] buffer) throws Exception;
  }

  /** Runs {@code task} for every index in {@code [0, count)}, each worker with its own buffer. */
  static void forEach(int threads, int count, Task task) {
    AtomicInteger next = new AtomicInteger();
    run(Math.min(threads, Math.max(count, 1)), (worker, stop) -> {
      byte[] buffer = new byte[BlobSource.CHUNK];
      for (int i; !stop.requested() && (i = next.getAndIncrement()) < count; ) {
        task.run(i, buffer);
      }
    });
  }

  static void run(int threads, Worker worker) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Stop stop = () -> failure.get() != null;
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try {
          worker.run(id, stop);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "bench-" + id);
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted");
      }
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException r) {
      throw r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new BenchException(e.toString(), e);
    }
  }
}
