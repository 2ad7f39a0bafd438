package io.coffer.storage.blob;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest extends BlobStoreContract {
  @TempDir Path dir;

  @Override
  protected BlobStore store() throws Exception {
    return new FileSystemBlobStore(dir);
  }
}
