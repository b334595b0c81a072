package dev.strata.builder.dockerfile;

import java.util.regex.Pattern;

/** A shell pattern ({@code *}, {@code ?}, {@code [...]}, escapes) as in {@code ${v#pattern}}. */
record Glob(Pattern regex) {

  static Glob of(String pattern, char escape) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == escape && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '[' && pattern.indexOf(']', i + 2) > 0) {
        int close = pattern.indexOf(']', i + 2);
        String members = pattern.substring(i + 1, close);
        boolean negated = members.startsWith("!") || members.startsWith("^");
        re.append(negated ? "[^" : "[");
        for (char m : (negated ? members.substring(1) : members).toCharArray()) {
          re.append(m == '-' ? "-" : Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
        }
        re.append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Glob(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  boolean matches(String s) {
    return regex.matcher(s).matches();
  }
}
