package dev.strata.builder.dockerfile;

/** White-space rules shared by the parser; they follow Go's, which the reference parser uses. */
final class Text {
  private Text() {}

  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u0085';
  }

  /** The blanks that separate an instruction keyword from its arguments, and plain words. */
  static boolean isBlank(int c) {
    return c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\r';
  }

  static String trimLeadingSpace(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  static String trimSpace(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return trimLeadingSpace(s.substring(0, end));
  }

  /** Splits on runs of blanks; {@code s} must not start or end with one. */
  static java.util.List<String> splitBlanks(String s) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      if (isBlank(s.charAt(i))) {
        parts.add(s.substring(start, i));
        while (i < s.length() && isBlank(s.charAt(i))) {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
