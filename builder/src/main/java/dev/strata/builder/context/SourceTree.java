package dev.strata.builder.context;

import dev.strata.builder.layer.ImagePaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Where COPY and ADD take files from: the build context, or the filesystem of an earlier stage.
 * Every path is resolved inside the tree's root, symbolic links included, so nothing outside it can
 * be read.
 */
public class SourceTree {
  private final Path root;
  private final DockerIgnore ignore;
  private final String description;

  public SourceTree(Path root, DockerIgnore ignore, String description) {
    this.root = root.toAbsolutePath().normalize();
    this.ignore = ignore;
    this.description = description;
  }

  /** A build context directory with its .dockerignore, if it has one. */
  public static SourceTree context(Path dir) throws IOException {
    Path ignoreFile = dir.resolve(".dockerignore");
    DockerIgnore ignore =
        Files.isRegularFile(ignoreFile)
            ? DockerIgnore.parse(Files.readString(ignoreFile))
            : DockerIgnore.parse("");
    return new SourceTree(dir, ignore, "the build context");
  }

  public Path root() {
    return root;
  }

  public String description() {
    return description;
  }

  public boolean isExcluded(String relative, boolean directory) {
    return !relative.isEmpty() && ignore.isExcluded(relative, directory);
  }

  public boolean mayContainIncluded(String relative) {
    return relative.isEmpty() || ignore.mayContainIncluded(relative);
  }

  /**
   * The files a COPY source names: one path, or every match of a pattern with {@code *}, {@code ?}
   * or {@code [...]}. Each result is relative to the root.
   *
   * @throws SourceException when the source leaves the tree or names nothing in it
   */
  public List<Match> match(String source) throws IOException {
    if (ImagePaths.escapes(source)) {
      throw new SourceException(
          "'"
              + source
              + "' is outside "
              + description
              + "; only files inside it can be copied — move the file into the context");
    }
    String cleaned = ImagePaths.clean(source);
    if (!hasPattern(cleaned)) {
      Path location = ImagePaths.resolveInRoot(root, cleaned, true);
      if (!Files.exists(location, LinkOption.NOFOLLOW_LINKS)
          || isExcluded(cleaned, Files.isDirectory(location))) {
        throw new SourceException(notFound(source));
      }
      return List.of(new Match(baseName(cleaned), location));
    }
    List<Match> matches = new ArrayList<>();
    collect("", cleaned.split("/"), 0, matches);
    if (matches.isEmpty()) {
      throw new SourceException(notFound(source));
    }
    return matches;
  }

  private String notFound(String source) {
    return "'"
        + source
        + "' was not found in "
        + description
        + " (or is excluded by .dockerignore)";
  }

  private void collect(String dir, String[] parts, int index, List<Match> out) throws IOException {
    Path location = ImagePaths.resolveInRoot(root, dir, true);
    if (index == parts.length) {
      out.add(new Match(baseName(dir), location));
      return;
    }
    if (!Files.isDirectory(location)) {
      return;
    }
    String part = parts[index];
    PathMatcher matcher = location.getFileSystem().getPathMatcher("glob:" + globOf(part));
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(location)) {
      for (Path child : children) {
        names.add(child.getFileName().toString());
      }
    }
    names.sort(null);
    for (String name : names) {
      String next = dir.isEmpty() ? name : dir + "/" + name;
      boolean isDir = Files.isDirectory(location.resolve(name));
      if (matcher.matches(Path.of(name)) && !isExcluded(next, isDir)) {
        collect(next, parts, index + 1, out);
      }
    }
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * One file or directory a source names.
   *
   * @param name its name in the source as written (a link's own name, not its target's)
   * @param location where its content is, links resolved inside the tree
   */
  public record Match(String name, Path location) {}

  /** A source with a pattern character, which may name several files. */
  public static boolean hasPattern(String path) {
    return path.contains("*") || path.contains("?") || path.contains("[");
  }

  /** Dockerfile patterns use {@code [^a]} for negation where Java globs use {@code [!a]}. */
  private static String globOf(String part) {
    return part.replace("[^", "[!").replace("{", "\\{").replace("}", "\\}");
  }

  public String relative(Path location) {
    return root.relativize(location).toString();
  }
}
