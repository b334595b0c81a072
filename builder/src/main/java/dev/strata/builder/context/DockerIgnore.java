package dev.strata.builder.context;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} file: which paths of the build context are left out.
 *
 * <p>Each line is a pattern, cleaned like a path ({@code a//b/../c/} becomes {@code a/c}, a leading
 * {@code /} is dropped) and matched against paths relative to the context root. {@code *} and
 * {@code ?} match within one path segment, {@code [...]} a character class, {@code **} any number
 * of directories, a backslash escapes the next character. A line starting with {@code !} is an
 * exception that includes again what earlier lines left out. The last line that matches a path, or
 * one of its parent directories, decides. Lines starting with {@code #} are comments.
 */
public final class DockerIgnore {

  private record Rule(String pattern, Pattern regex, boolean exception) {
    boolean matches(String path) {
      return regex.matcher(path).matches();
    }

    /** Whether the path or one of its parent directories matches. */
    boolean matchesSelfOrParent(String path) {
      if (matches(path)) {
        return true;
      }
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (matches(path.substring(0, slash))) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** Reads the content of a {@code .dockerignore} file. */
  public static DockerIgnore parse(String content) {
    List<Rule> rules = new ArrayList<>();
    String text = content.startsWith("\ufeff") ? content.substring(1) : content;
    for (String line : text.split("\r?\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      String pattern = line.strip();
      if (pattern.isEmpty()) {
        continue;
      }
      boolean exception = pattern.startsWith("!");
      if (exception) {
        pattern = pattern.substring(1).strip();
      }
      if (!pattern.isEmpty()) {
        pattern = clean(pattern);
        if (pattern.length() > 1 && pattern.startsWith("/")) {
          pattern = pattern.substring(1);
        }
      }
      rules.add(new Rule(pattern, compile(pattern), exception));
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /**
   * Whether the file or directory at {@code relativePath} (relative to the context root, {@code /}
   * separators, no leading slash) is left out of the build context. The rules do not tell files
   * from directories, so {@code directory} does not change the answer today; callers pass it so
   * that a rule that does (as {@code .gitignore}'s trailing slash) needs no change of signature.
   */
  public boolean isExcluded(String relativePath, boolean directory) {
    String path = clean(relativePath);
    boolean excluded = false;
    for (Rule rule : rules) {
      // Only a rule that could change the current answer is worth matching.
      if (rule.exception() == excluded && rule.matchesSelfOrParent(path)) {
        excluded = !rule.exception();
      }
    }
    return excluded;
  }

  /**
   * Whether something below the directory {@code dirPath} could be included even though the
   * directory itself is excluded, because an exception rule after the last rule that excludes it
   * could match a path inside. A walker that gets {@code false} can skip the whole directory.
   */
  public boolean mayContainIncluded(String dirPath) {
    String path = clean(dirPath);
    int lastExclusion = -1;
    for (int i = 0; i < rules.size(); i++) {
      if (!rules.get(i).exception() && rules.get(i).matchesSelfOrParent(path)) {
        lastExclusion = i;
      }
    }
    if (lastExclusion < 0) {
      return true;
    }
    String[] segments = path.split("/");
    for (Rule rule : rules.subList(lastExclusion + 1, rules.size())) {
      if (rule.exception() && couldMatchBelow(rule.pattern(), segments)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a pattern could match some path below the directory made of {@code segments}. */
  private static boolean couldMatchBelow(String pattern, String[] segments) {
    String[] parts = pattern.split("/");
    for (int i = 0; i < segments.length; i++) {
      if (i == parts.length) {
        return true;
      }
      if (parts[i].contains("**")) {
        return true;
      }
      if (!compile(parts[i]).matcher(segments[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Like Go's {@code filepath.Clean} for {@code /} paths. */
  static String clean(String path) {
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add(segment);
        }
        continue;
      }
      out.add(segment);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  private static Pattern compile(String pattern) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i++);
      if (c == '*' && i < pattern.length() && pattern.charAt(i) == '*') {
        i++;
        if (i < pattern.length() && pattern.charAt(i) == '/') {
          i++;
        }
        // "**" at the end matches everything; elsewhere any number of whole directories.
        re.append(i == pattern.length() ? ".*" : "(.*/)?");
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(i++))));
      } else if (c == '[') {
        i = characterClass(pattern, i, re);
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /**
   * Copies a {@code [...]} class starting after its {@code [}; returns the index after {@code ]}.
   */
  private static int characterClass(String pattern, int start, StringBuilder re) {
    int i = start;
    re.append('[');
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      re.append('^');
      i++;
    }
    while (i < pattern.length() && pattern.charAt(i) != ']') {
      char c = pattern.charAt(i++);
      if (c == '\\' && i < pattern.length()) {
        c = pattern.charAt(i++);
      }
      re.append(c == '-' ? "-" : Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
    }
    if (i == pattern.length()) {
      // An unclosed class matches nothing, as a malformed pattern does in the reference matcher.
      re.setLength(0);
      re.append("(?!)");
      return i;
    }
    re.append(']');
    return i + 1;
  }
}
