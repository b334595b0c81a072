package dev.strata.builder.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** What the diff compares of one path: enough to tell that a step touched it. */
public record FileState(
    Kind kind,
    int mode,
    long size,
    long mtimeNanos,
    long ctimeNanos,
    long inode,
    int links,
    String linkTarget) {

  /** The kinds of file a layer can hold; OTHER (devices, sockets) is never written. */
  public enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  public static FileState read(Path path) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(
            path, "unix:mode,size,lastModifiedTime,ctime,ino,nlink", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    Kind kind =
        switch (mode & 0170000) {
          case 0100000 -> Kind.FILE;
          case 0040000 -> Kind.DIRECTORY;
          case 0120000 -> Kind.SYMLINK;
          default -> Kind.OTHER;
        };
    String target = kind == Kind.SYMLINK ? Files.readSymbolicLink(path).toString() : null;
    return new FileState(
        kind,
        mode & 07777,
        kind == Kind.FILE ? (Long) a.get("size") : 0,
        nanos((FileTime) a.get("lastModifiedTime")),
        nanos((FileTime) a.get("ctime")),
        (Long) a.get("ino"),
        (Integer) a.get("nlink"),
        target);
  }

  private static long nanos(FileTime time) {
    return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * True when a step changed this path in a way a layer must record. A directory whose only change
   * is its listing is not itself a change: its new or removed children are.
   */
  public boolean differsFrom(FileState before) {
    if (kind != before.kind || mode != before.mode || inode != before.inode) {
      return true;
    }
    return switch (kind) {
      case DIRECTORY -> false;
      case SYMLINK -> !linkTarget.equals(before.linkTarget);
      default ->
          size != before.size || mtimeNanos != before.mtimeNanos || ctimeNanos != before.ctimeNanos;
    };
  }
}
