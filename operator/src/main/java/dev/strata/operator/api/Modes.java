package dev.strata.operator.api;

/** File permission bits written as octal text, as in {@code chmod}. */
public final class Modes {

  /** Three or four octal digits, e.g. {@code 755} or {@code 0755}; no setuid/setgid/sticky. */
  public static final String PATTERN = "^0?[0-7]{3}$";

  public static final int DEFAULT = 0644;

  private Modes() {}

  /** The mode as a number, {@link #DEFAULT} when absent. */
  public static int parse(String mode) {
    if (mode == null || mode.isEmpty()) {
      return DEFAULT;
    }
    if (!mode.matches(PATTERN)) {
      throw new IllegalArgumentException(
          "file mode '" + mode + "' is not octal permission bits such as 0644 or 0755");
    }
    return Integer.parseInt(mode, 8);
  }
}
