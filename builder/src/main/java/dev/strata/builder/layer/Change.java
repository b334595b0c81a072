package dev.strata.builder.layer;

/** One path a layer records: its new content, or a whiteout for its deletion. */
public record Change(String path, Type type) implements Comparable<Change> {

  public enum Type {
    ADDED_OR_MODIFIED,
    DELETED
  }

  @Override
  public int compareTo(Change other) {
    return path.compareTo(other.path);
  }
}
