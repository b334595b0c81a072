package dev.strata.builder.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Path rules shared by extraction, COPY and the diff: nothing may resolve outside a root. */
public final class ImagePaths {
  private static final int MAX_LINKS = 255;

  private ImagePaths() {}

  /**
   * Cleans a path from an archive or an instruction into its image form: no leading slash, no
   * {@code .} elements, {@code ..} resolved against the root (never above it).
   *
   * @return the cleaned path, empty for the root itself
   */
  public static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** True when the raw archive member name climbs above its root with a {@code ..}. */
  public static boolean escapes(String path) {
    int depth = 0;
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /**
   * Resolves {@code imagePath} inside {@code root} as a chroot would: absolute symbolic link
   * targets restart at the root and {@code ..} stops at it.
   */
  public static Path resolveInRoot(Path root, String imagePath, boolean followLast)
      throws IOException {
    Deque<String> pending = new ArrayDeque<>(List.of(clean(imagePath).split("/")));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      boolean last = pending.isEmpty();
      if ((!last || followLast) && Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links resolving /" + imagePath);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> targetParts = List.of(target.split("/"));
        for (int i = targetParts.size() - 1; i >= 0; i--) {
          pending.addFirst(targetParts.get(i));
        }
        continue;
      }
      done.add(part);
    }
    return join(root, done);
  }

  private static Path join(Path root, List<String> parts) {
    Path p = root;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }

  /** Creates the directories of {@code dir} inside the root, none of them through a link. */
  public static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(dir);
    }
    Files.createDirectories(dir);
  }
}
