package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Splits one logical line (continuations joined) into a {@link Node}: keyword, flags and the
 * arguments, each instruction the way the reference parser splits it. Quotes and variables stay as
 * written; only the JSON form is decoded.
 */
final class ArgumentSyntax {
  private final char escape;
  private final int line;

  ArgumentSyntax(char escape, int line) {
    this.escape = escape;
    this.line = line;
  }

  Node node(String logicalLine) {
    String trimmed = Text.trimSpace(logicalLine);
    int gap = 0;
    while (gap < trimmed.length() && !Text.isBlank(trimmed.charAt(gap))) {
      gap++;
    }
    String keyword = trimmed.substring(0, gap);
    FlagSplit split = FlagSplit.of(trimmed.substring(gap));
    String text = Text.trimSpace(split.rest());

    Args args = arguments(keyword.toLowerCase(Locale.ROOT), keyword, text);
    return new Node(
        keyword,
        split.flags(),
        args.values(),
        args.json(),
        args.trigger(),
        List.of(),
        text,
        line,
        line,
        logicalLine);
  }

  private record Args(List<String> values, boolean json, Optional<Node> trigger) {
    static Args of(List<String> values) {
      return new Args(List.copyOf(values), false, Optional.empty());
    }

    static final Args NONE = of(List.of());
  }

  private Args arguments(String lower, String keyword, String text) {
    return switch (lower) {
      case "add", "copy", "volume" -> jsonOrList(keyword, text);
      case "cmd", "entrypoint", "run", "shell" -> jsonOrString(keyword, text);
      case "env", "label" -> nameValues(keyword.toUpperCase(Locale.ROOT), text);
      case "arg" -> Args.of(words(text));
      case "expose", "from" -> Args.of(text.isEmpty() ? List.of() : Text.splitBlanks(text));
      case "maintainer", "stopsignal", "user", "workdir" ->
          Args.of(text.isEmpty() ? List.of() : List.of(text));
      case "healthcheck" -> health(keyword, text);
      case "onbuild" ->
          text.isEmpty()
              ? Args.NONE
              : new Args(
                  List.of(), false, Optional.of(new ArgumentSyntax(escape, line).node(text)));
      // Unknown keywords are reported when the instruction's meaning is read.
      default -> Args.NONE;
    };
  }

  private Args jsonOrString(String keyword, String text) {
    if (text.isEmpty()) {
      return Args.NONE;
    }
    JsonArray json = json(keyword, text);
    if (json instanceof JsonArray.Strings strings) {
      return new Args(strings.elements(), true, Optional.empty());
    }
    return Args.of(List.of(text));
  }

  private Args jsonOrList(String keyword, String text) {
    if (json(keyword, text) instanceof JsonArray.Strings strings) {
      return new Args(strings.elements(), true, Optional.empty());
    }
    return Args.of(text.isEmpty() ? List.of() : Text.splitBlanks(text));
  }

  private JsonArray json(String keyword, String text) {
    JsonArray json = JsonArray.of(text);
    if (json instanceof JsonArray.NotStrings) {
      throw new DockerfileException(
          line,
          keyword.toUpperCase(Locale.ROOT)
              + ": the JSON array "
              + text
              + " holds something other than strings; write a flat JSON array of strings such as"
              + " [\"echo\", \"hello\"], or use shell form");
    }
    return json;
  }

  private Args health(String keyword, String text) {
    int sep = 0;
    while (sep < text.length() && !Text.isSpace(text.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      return Args.NONE;
    }
    Args command = jsonOrString(keyword, Text.trimLeadingSpace(text.substring(sep)));
    List<String> values = new ArrayList<>();
    values.add(text.substring(0, sep));
    values.addAll(command.values());
    return new Args(List.copyOf(values), command.json(), Optional.empty());
  }

  /**
   * ENV and LABEL: {@code KEY value} (old form, decided by the first word having no {@code =}) or
   * {@code KEY=value ...}; values keep their quotes.
   */
  private Args nameValues(String keyword, String text) {
    List<String> words = words(text);
    if (words.isEmpty()) {
      return Args.NONE;
    }
    if (!words.get(0).contains("=")) {
      List<String> parts = Text.splitBlanks(text);
      if (parts.size() < 2) {
        throw new DockerfileException(
            line,
            keyword
                + " "
                + text
                + " has a name but no value; write "
                + keyword
                + " "
                + text
                + "=<value>");
      }
      String name = parts.get(0);
      String value = text.substring(name.length()).replaceFirst("^[ \t\u000b\f\r]+", "");
      return Args.of(List.of(name, value, ""));
    }
    List<String> values = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq < 0) {
        throw new DockerfileException(
            line,
            keyword
                + ": "
                + Node.quote(word)
                + " has no =; once one pair is written as name=value, write every pair so");
      }
      values.add(word.substring(0, eq));
      values.add(word.substring(eq + 1));
      values.add("=");
    }
    return Args.of(values);
  }

  /**
   * Splits on white space outside quotes, keeping quotes and escapes in the words. An escape
   * character outside quotes keeps the next character in the word even when it is a quote; inside
   * single quotes the escape character is literal.
   */
  List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quote == 0) {
        if (Text.isSpace(c)) {
          if (inWord && (blankOk || word.length() > 0)) {
            words.add(word.toString());
          }
          word.setLength(0);
          inWord = false;
          blankOk = false;
          i++;
          continue;
        }
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
          blankOk = true;
        }
        if (c == escape) {
          if (i + 1 == text.length()) {
            break;
          }
          word.append(c);
          i++;
          c = text.charAt(i);
        }
        word.append(c);
      } else {
        if (c == quote) {
          quote = 0;
        }
        if (c == escape && quote != '\'') {
          if (i + 1 == text.length()) {
            quote = 0;
            break;
          }
          word.append(c);
          i++;
          c = text.charAt(i);
        }
        word.append(c);
      }
      i++;
    }
    if (inWord && (blankOk || word.length() > 0)) {
      words.add(word.toString());
    }
    return words;
  }
}
