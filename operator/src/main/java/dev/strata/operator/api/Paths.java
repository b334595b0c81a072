package dev.strata.operator.api;

/** Rules for file paths inside a build context. */
public final class Paths {

  /** Relative, no empty segments, no trailing slash. */
  public static final String RELATIVE_PATH_PATTERN = "^[^/]+(/[^/]+)*$";

  /**
   * CEL, on the object holding a {@code path}: no {@code ..} or {@code .} segment, so nothing can
   * be written outside the context. Declared on the type, as annotations on a record component
   * would repeat the rule for its field and its accessor.
   */
  public static final String PATH_INSIDE_RULE =
      "!('/' + self.path + '/').contains('/../') && !('/' + self.path + '/').contains('/./')";

  public static final String PATH_INSIDE_MESSAGE =
      "path must stay inside the build context: no '..' or '.' segments";

  private Paths() {}

  /** True when {@code path} satisfies the same rules the schema enforces. */
  public static boolean isSafeRelative(String path) {
    if (path == null || !path.matches(RELATIVE_PATH_PATTERN)) {
      return false;
    }
    String wrapped = "/" + path + "/";
    return !wrapped.contains("/../") && !wrapped.contains("/./");
  }
}
