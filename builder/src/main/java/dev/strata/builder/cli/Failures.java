package dev.strata.builder.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns file-system errors, whose messages are often only a path, into sentences. */
final class Failures {
  private Failures() {}

  static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: "
          + denied.getFile()
          + "; the build user must be able to write there";
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or directory: " + missing.getFile();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getFile() + ": " + fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
