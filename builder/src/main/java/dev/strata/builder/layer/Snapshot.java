package dev.strata.builder.layer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The state of every path under a root at one moment, to diff against a later moment. */
public final class Snapshot {
  private final NavigableMap<String, FileState> states;

  private Snapshot(NavigableMap<String, FileState> states) {
    this.states = states;
  }

  public static Snapshot of(Path root) throws IOException {
    NavigableMap<String, FileState> states = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            record(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            record(file);
            return FileVisitResult.CONTINUE;
          }

          private void record(Path p) throws IOException {
            if (!p.equals(root)) {
              states.put(root.relativize(p).toString(), FileState.read(p));
            }
          }
        });
    return new Snapshot(states);
  }

  public Map<String, FileState> states() {
    return states;
  }

  /**
   * What changed from {@code before} to this snapshot, in path order: added and modified paths, and
   * deleted paths whose parent still exists as a directory (a deleted or replaced directory hides
   * its children without a whiteout each).
   */
  public List<Change> changesSince(Snapshot before) {
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, FileState> e : states.entrySet()) {
      FileState old = before.states.get(e.getKey());
      if (old == null || e.getValue().differsFrom(old)) {
        changes.add(new Change(e.getKey(), Change.Type.ADDED_OR_MODIFIED));
      }
    }
    for (Map.Entry<String, FileState> e : before.states.entrySet()) {
      String path = e.getKey();
      if (states.containsKey(path)) {
        continue;
      }
      String parent = parentOf(path);
      boolean parentStillDirectory =
          parent.isEmpty()
              || (states.containsKey(parent)
                  && states.get(parent).kind() == FileState.Kind.DIRECTORY
                  && before.states.get(parent).kind() == FileState.Kind.DIRECTORY);
      if (parentStillDirectory) {
        changes.add(new Change(path, Change.Type.DELETED));
      }
    }
    changes.sort(null);
    return changes;
  }

  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
