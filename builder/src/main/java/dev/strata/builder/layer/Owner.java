package dev.strata.builder.layer;

/** The numeric owner a file has in the image, which may differ from its owner on disk. */
public record Owner(int uid, int gid) {
  public static final Owner ROOT = new Owner(0, 0);

  /** Parses {@code uid:gid} or {@code uid} (then gid = uid). */
  public static Owner parse(String text) {
    String[] parts = text.split(":", 2);
    int uid = Integer.parseInt(parts[0]);
    return new Owner(uid, parts.length == 2 ? Integer.parseInt(parts[1]) : uid);
  }

  @Override
  public String toString() {
    return uid + ":" + gid;
  }
}
