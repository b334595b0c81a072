package dev.strata.builder.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.file.PathUtils;

/**
 * Unpacks a tar stream into a {@link RootFs} without privileges.
 *
 * <p>Member names are cleaned and checked first; symbolic links met on the way are resolved inside
 * the root, never on the host, so a hostile archive cannot write outside its target. Owners go into
 * the root's record because the unprivileged user cannot set them on disk.
 */
public final class LayerExtractor {
  private final boolean applyWhiteouts;

  /**
   * @param applyWhiteouts true for image layers, whose {@code .wh.} entries delete paths; false for
   *     archives a user ADDs, where such names are ordinary files
   */
  public LayerExtractor(boolean applyWhiteouts) {
    this.applyWhiteouts = applyWhiteouts;
  }

  /**
   * Unpacks {@code tar} under {@code target} (an image path, {@code /} for layers). Links met while
   * placing a member resolve with {@code target} as their root, so an archive cannot reach outside
   * the directory it unpacks into, not even elsewhere in the image.
   */
  public List<String> extract(InputStream tar, RootFs root, String target) throws IOException {
    List<String> written = new ArrayList<>();
    Path base = root.resolve(target, true);
    ImagePaths.createDirectories(base);
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar, "UTF-8")) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (ImagePaths.escapes(name)) {
          throw new UnsafeArchiveException(
              "archive member '" + name + "' points outside the directory it unpacks into");
        }
        String path = ImagePaths.clean(name);
        if (path.isEmpty()) {
          continue;
        }
        String written1 = apply(entry, in, root, base, path);
        if (written1 != null) {
          written.add(written1);
        }
      }
    }
    return written;
  }

  private String apply(
      TarArchiveEntry entry, InputStream data, RootFs root, Path baseDir, String path)
      throws IOException {
    String parent = Snapshot.parentOf(path);
    String base = path.substring(parent.isEmpty() ? 0 : parent.length() + 1);
    Path parentDir = ImagePaths.resolveInRoot(baseDir, parent, true);
    if (applyWhiteouts && base.startsWith(Whiteouts.PREFIX)) {
      applyWhiteout(root, parentDir, base);
      return null;
    }
    ImagePaths.createDirectories(parentDir);
    Path location = parentDir.resolve(base);
    String relative = root.relative(location);

    boolean existingDirectory = Files.isDirectory(location, LinkOption.NOFOLLOW_LINKS);
    if (!(entry.isDirectory() && existingDirectory)
        && Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
      delete(location);
      root.forget(relative);
    }

    if (entry.isDirectory()) {
      Files.createDirectories(location);
      setMode(location, (entry.getMode() & 07777) | 0700);
    } else if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(location, Path.of(entry.getLinkName()));
    } else if (entry.isLink()) {
      if (ImagePaths.escapes(entry.getLinkName())) {
        throw new UnsafeArchiveException(
            "archive member '"
                + entry.getName()
                + "' is a hard link to '"
                + entry.getLinkName()
                + "', outside the directory it unpacks into");
      }
      Path target = ImagePaths.resolveInRoot(baseDir, entry.getLinkName(), false);
      if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeArchiveException(
            "archive member '"
                + entry.getName()
                + "' is a hard link to '"
                + entry.getLinkName()
                + "', which the archive did not hold before it");
      }
      Files.createLink(location, target);
    } else if (entry.isFile()) {
      Files.copy(data, location);
      setMode(location, entry.getMode() & 07777);
      Files.setLastModifiedTime(location, FileTime.fromMillis(entry.getModTime().getTime()));
    } else {
      // Devices and FIFOs need privileges to create; an unprivileged build leaves them out.
      return null;
    }
    root.setOwner(relative, new Owner((int) entry.getLongUserId(), (int) entry.getLongGroupId()));
    return relative;
  }

  private void applyWhiteout(RootFs root, Path parentDir, String base) throws IOException {
    if (base.equals(Whiteouts.OPAQUE)) {
      if (Files.isDirectory(parentDir, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parentDir)) {
          for (Path child : children) {
            delete(child);
            root.forget(root.relative(child));
          }
        }
      }
      return;
    }
    Path victim = parentDir.resolve(base.substring(Whiteouts.PREFIX.length()));
    if (Files.exists(victim, LinkOption.NOFOLLOW_LINKS)) {
      delete(victim);
      root.forget(root.relative(victim));
    }
  }

  /** Deletes a file, a link or a whole directory tree, never following links. */
  public static void delete(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      PathUtils.deleteDirectory(path);
    } else {
      Files.deleteIfExists(path);
    }
  }

  static void setMode(Path path, int mode) throws IOException {
    Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
  }
}
