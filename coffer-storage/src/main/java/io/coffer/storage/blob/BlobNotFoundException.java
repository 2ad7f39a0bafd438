package io.coffer.storage.blob;

import java.io.IOException;

/** The object asked for is not in the store. */
public final class BlobNotFoundException extends IOException {
  public BlobNotFoundException(BlobPath path) {
    super("no object at " + path);
  }
}
