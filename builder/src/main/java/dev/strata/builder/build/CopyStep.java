package dev.strata.builder.build;

import dev.strata.builder.context.SourceTree;
import dev.strata.builder.layer.Change;
import dev.strata.builder.layer.FileState;
import dev.strata.builder.layer.ImagePaths;
import dev.strata.builder.layer.LayerExtractor;
import dev.strata.builder.layer.Owner;
import dev.strata.builder.layer.RootFs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Copies files into a stage's root filesystem as COPY and ADD do, and lists what it wrote.
 *
 * <p>Files get the owner {@code --chown} names, or root; never their owner in the source tree.
 * Directories are copied by their content. A symbolic link named as a source is followed (inside
 * its tree); links inside a copied directory are copied as links.
 */
final class CopyStep {
  private final RootFs root;
  private final Owner owner;
  private final Optional<Integer> chmod;
  private final List<Change> changes = new ArrayList<>();

  CopyStep(RootFs root, Owner owner, Optional<Integer> chmod) {
    this.root = root;
    this.owner = owner;
    this.chmod = chmod;
  }

  List<Change> changes() {
    changes.sort(null);
    return changes;
  }

  /** The image path a destination names: absolute, or relative to the working directory. */
  static String destinationPath(String destination, String workingDir) {
    String base = destination.startsWith("/") ? "" : workingDir;
    return "/" + ImagePaths.clean(base + "/" + destination);
  }

  /** Copies one matched source to {@code destination} (a directory when {@code intoDir}). */
  void copy(SourceTree.Match source, String destination, boolean intoDir) throws IOException {
    Path from = source.location();
    if (Files.isDirectory(from)) {
      copyTree(null, from, destination);
    } else if (intoDir) {
      copyFile(from, destination + "/" + source.name());
    } else {
      copyFile(from, destination);
    }
  }

  /**
   * Copies a directory's content into destination. Paths the tree's .dockerignore excludes are left
   * out; an excluded directory is still entered when an exception could re-include something below
   * it. Every target is resolved inside the root, so a link in the image (such as /lib pointing to
   * /usr/lib) is followed the way the container would follow it.
   */
  void copyTree(SourceTree tree, Path from, String destination) throws IOException {
    makeDirectories(destination);
    String base = ImagePaths.clean(destination);
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(from)) {
              return FileVisitResult.CONTINUE;
            }
            String inTree = tree == null ? null : tree.relative(dir);
            if (inTree != null && tree.isExcluded(inTree, true)) {
              return tree.mayContainIncluded(inTree)
                  ? FileVisitResult.CONTINUE
                  : FileVisitResult.SKIP_SUBTREE;
            }
            makeDirectories(imagePath(dir));
            Path to = root.resolve(imagePath(dir), true);
            setMode(to, chmod.orElse(FileState.read(dir).mode()) | 0700);
            record(to);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (tree != null && tree.isExcluded(tree.relative(file), false)) {
              return FileVisitResult.CONTINUE;
            }
            String path = imagePath(file);
            String parent = path.substring(0, path.lastIndexOf('/'));
            Path to = makeDirectories(parent).resolve(file.getFileName().toString());
            if (attrs.isSymbolicLink()) {
              LayerExtractor.delete(to);
              Files.createSymbolicLink(to, Files.readSymbolicLink(file));
              record(to);
            } else if (attrs.isRegularFile()) {
              writeFile(file, to);
            }
            return FileVisitResult.CONTINUE;
          }

          private String imagePath(Path p) {
            return "/" + base + (base.isEmpty() ? "" : "/") + from.relativize(p);
          }
        });
  }

  void copyFile(Path from, String destination) throws IOException {
    String parent = ImagePaths.clean(destination);
    int slash = parent.lastIndexOf('/');
    Path dir = makeDirectories(slash < 0 ? "/" : "/" + parent.substring(0, slash));
    writeFile(from, dir.resolve(parent.substring(slash + 1)));
  }

  /** Unpacks a local archive into destination, as ADD does for tar files. */
  void extract(Path archive, String destination) throws IOException {
    makeDirectories(destination);
    try (InputStream in = decompressed(archive)) {
      for (String path : new LayerExtractor(false).extract(in, root, destination)) {
        changes.add(new Change(path, Change.Type.ADDED_OR_MODIFIED));
      }
    }
  }

  /** True when the file is a tar archive, plain or compressed, that ADD unpacks. */
  static boolean isArchive(Path file) throws IOException {
    try (InputStream in = decompressed(file)) {
      byte[] header = in.readNBytes(512);
      return header.length == 512
          && new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }

  private static InputStream decompressed(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    try {
      String format = CompressorStreamFactory.detect(in);
      return new CompressorStreamFactory().createCompressorInputStream(format, in);
    } catch (CompressorException notCompressed) {
      return in;
    }
  }

  private void writeFile(Path from, Path to) throws IOException {
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      LayerExtractor.delete(to);
    }
    Files.copy(from, to);
    setMode(to, chmod.orElse(FileState.read(from).mode()));
    record(to);
  }

  /** Creates the directories of an image path, recording each new one; returns its location. */
  private Path makeDirectories(String imagePath) throws IOException {
    String cleaned = ImagePaths.clean(imagePath);
    String done = "";
    for (String part : cleaned.isEmpty() ? new String[0] : cleaned.split("/")) {
      done = done.isEmpty() ? part : done + "/" + part;
      Path location = root.resolve(done, true);
      if (!Files.isDirectory(location)) {
        if (Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("/" + done + " exists in the image and is not a directory");
        }
        Files.createDirectories(location);
        setMode(location, 0755);
        record(location);
      }
    }
    return root.resolve(cleaned, true);
  }

  private void record(Path location) {
    String relative = root.relative(location);
    root.setOwner(relative, owner);
    changes.add(new Change(relative, Change.Type.ADDED_OR_MODIFIED));
  }

  private static void setMode(Path path, int mode) throws IOException {
    Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
  }
}
