package dev.strata.builder.layer;

/** The OCI layer spec's markers for deleted paths. */
public final class Whiteouts {
  public static final String PREFIX = ".wh.";
  public static final String OPAQUE = ".wh..wh..opq";

  private Whiteouts() {}

  /** The whiteout entry that deletes {@code path} in a lower layer. */
  public static String whiteoutFor(String path) {
    String parent = Snapshot.parentOf(path);
    String name = path.substring(parent.isEmpty() ? 0 : parent.length() + 1);
    return (parent.isEmpty() ? "" : parent + "/") + PREFIX + name;
  }
}
