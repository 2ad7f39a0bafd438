package io.coffer.storage.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under a root folder. Staging files live in {@code root/.staging} on the same
 * file system, so commit is fsync + atomic rename + fsync of the parent folder.
 */
public final class FileSystemBlobStore implements BlobStore {
  private final Path root;
  private final Path staging;

  public FileSystemBlobStore(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.staging = this.root.resolve(".staging");
    Files.createDirectories(staging);
    // Staging files left by a crash are never visible under a path; drop them on start.
    try (Stream<Path> leftovers = Files.list(staging)) {
      leftovers.forEach(p -> p.toFile().delete());
    }
  }

  private Path file(BlobPath path) {
    Path p = root;
    for (String s : path.segments()) p = p.resolve(s);
    return p;
  }

  @Override
  public PendingWrite create() throws IOException {
    Path tmp = staging.resolve(UUID.randomUUID().toString());
    FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FilePendingWrite(tmp, channel);
  }

  @Override
  public SeekableByteChannel open(BlobPath path) throws IOException {
    try {
      return MappedReadChannel.of(FileChannel.open(file(path), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(path);
    }
  }

  @Override
  public OptionalLong size(BlobPath path) throws IOException {
    try {
      return OptionalLong.of(Files.size(file(path)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void delete(BlobPath path) throws IOException {
    Path f = file(path);
    Files.deleteIfExists(f);
    pruneEmptyParents(f.getParent());
  }

  @Override
  public void deleteAll(BlobPath prefix) throws IOException {
    Path dir = file(prefix);
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
    pruneEmptyParents(dir.getParent());
  }

  private void pruneEmptyParents(Path dir) {
    while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        return;
      }
      dir = dir.getParent();
    }
  }

  @Override
  public List<BlobPath> list(BlobPath prefix) throws IOException {
    Path dir = file(prefix);
    if (!Files.isDirectory(dir)) return List.of();
    List<BlobPath> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        List<String> segs = new ArrayList<>();
        for (Path part : root.relativize(p)) segs.add(part.toString());
        out.add(new BlobPath(segs));
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /** Passes writes through; close only flushes. */
  private static final class KeepOpen extends OutputStream {
    private final OutputStream inner;

    KeepOpen(OutputStream inner) {
      this.inner = inner;
    }

    @Override
    public void write(int b) throws IOException {
      inner.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      inner.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      inner.flush();
    }

    @Override
    public void close() throws IOException {
      inner.flush();
    }
  }

  private final class FilePendingWrite implements PendingWrite {
    private final Path tmp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean done;

    FilePendingWrite(Path tmp, FileChannel channel) {
      this.tmp = tmp;
      this.channel = channel;
      // Writers above (cipher streams) close what they wrap; the channel must stay open for fsync.
      this.out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(channel)), 256 * 1024);
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public void commit(BlobPath path) throws IOException {
      if (done) throw new IllegalStateException("write already finished");
      out.flush();
      channel.force(true);
      channel.close();
      Path target = file(path);
      Files.createDirectories(target.getParent());
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the content folder must be on one file system", e);
      }
      done = true;
      try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException ignored) {
        // Some file systems cannot fsync a folder; the rename itself is still atomic.
      }
    }

    @Override
    public void abort() {
      if (done) return;
      done = true;
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a staging file we are about to delete
      }
      tmp.toFile().delete();
    }
  }
}
