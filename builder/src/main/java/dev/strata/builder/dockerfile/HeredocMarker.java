package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <<NAME} (or {@code <<-NAME}, {@code 2<<NAME}) word on a RUN, COPY or ADD line. Quoting
 * any part of the name turns off variable expansion in the body, as in a POSIX shell.
 */
record HeredocMarker(String name, boolean expand, boolean chompTabs) {
  private static final Pattern MARKER = Pattern.compile("^(\\d*)<<(-?)([^<]*)$");

  static List<HeredocMarker> inLine(String line, int number) {
    List<HeredocMarker> markers = new ArrayList<>();
    for (String word : new ArgumentSyntax('\\', number).words(line)) {
      Matcher m = MARKER.matcher(word);
      if (m.matches() && !m.group(3).isEmpty()) {
        String name = unquote(m.group(3));
        boolean quoted = quotes(name) != quotes(m.group(3));
        if (!name.isEmpty()) {
          markers.add(new HeredocMarker(name, !quoted, !m.group(2).isEmpty()));
        }
      }
    }
    return markers;
  }

  private static long quotes(String s) {
    return s.chars().filter(c -> c == '"' || c == '\'').count();
  }

  /** Removes quotes and backslash escapes; variables are not expanded in a here-document name. */
  private static String unquote(String word) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          out.append(c);
        }
      } else if (c == '\\' && i + 1 < word.length()) {
        char escaped = word.charAt(++i);
        if (quote == '"' && "\"$\\".indexOf(escaped) < 0) {
          out.append(c);
        }
        out.append(escaped);
      } else if (c == '"' || (c == '\'' && quote == 0)) {
        quote = quote == c ? 0 : c;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
