package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The leading {@code --flag} words of an instruction and the text after them. Flags end at the
 * first word that does not start with {@code --}, or at a lone {@code --}. Quotes inside a flag are
 * removed and a backslash keeps the next character, whatever the escape directive says, as in the
 * reference parser.
 */
record FlagSplit(List<String> flags, String rest) {

  static FlagSplit of(String text) {
    List<String> flags = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (true) {
      while (i < text.length() && Text.isSpace(text.charAt(i))) {
        i++;
      }
      if (i == text.length()) {
        return new FlagSplit(List.copyOf(flags), "");
      }
      if (!text.startsWith("--", i)) {
        return new FlagSplit(List.copyOf(flags), text.substring(i));
      }
      word.setLength(0);
      boolean blankOk = false;
      char quote = 0;
      while (i < text.length() && (quote != 0 || !Text.isSpace(text.charAt(i)))) {
        char c = text.charAt(i++);
        if (quote == 0 && (c == '\'' || c == '"')) {
          quote = c;
          blankOk = true;
          continue;
        }
        if (quote != 0 && c == quote) {
          quote = 0;
          continue;
        }
        if (c == '\\') {
          if (i == text.length()) {
            break;
          }
          c = text.charAt(i++);
        }
        word.append(c);
      }
      String flag = word.toString();
      if (flag.equals("--")) {
        return new FlagSplit(List.copyOf(flags), text.substring(i));
      }
      if (blankOk || !flag.isEmpty()) {
        flags.add(flag);
      }
    }
  }
}
