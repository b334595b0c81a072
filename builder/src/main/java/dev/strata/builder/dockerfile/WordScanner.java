package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One pass of {@link WordExpander} over one raw string. */
final class WordScanner {
  private static final int END = -1;
  private static final String SPECIAL_PARAMETERS = "@*#?-$!0";

  private final String raw;
  private final char escape;
  private final Map<String, String> variables;
  private final int line;
  private int pos;

  private final List<String> words = new ArrayList<>();
  private final StringBuilder current = new StringBuilder();

  WordScanner(String raw, char escape, Map<String, String> variables, int line) {
    this.raw = raw;
    this.escape = escape;
    this.variables = variables;
    this.line = line;
  }

  String word() {
    return until(END, false, true);
  }

  List<String> words() {
    until(END, false, true);
    endWord();
    return List.copyOf(words);
  }

  /**
   * Reads up to {@code stop} (consumed) or the end. {@code keepEscapes} keeps escape characters in
   * the result, for patterns whose own escapes still matter. Only the outermost call ({@code
   * split}) feeds the word list.
   */
  private String until(int stop, boolean keepEscapes, boolean split) {
    StringBuilder result = new StringBuilder();
    while (peek() != END) {
      int c = peek();
      if (stop != END && c == stop) {
        pos++;
        return result.toString();
      }
      if (c == '$') {
        String value = dollar();
        result.append(value);
        if (split) {
          value.chars().forEach(ch -> unquoted((char) ch));
        }
      } else if (c == '\'' || c == '"') {
        String value = c == '\'' ? singleQuoted() : doubleQuoted();
        result.append(value);
        if (split) {
          current.append(value);
        }
      } else {
        pos++;
        if (c == escape) {
          if (peek() == END) {
            break;
          }
          if (keepEscapes) {
            result.append(escape);
          }
          c = raw.charAt(pos++);
          if (split) {
            current.append((char) c);
          }
        } else if (split) {
          unquoted((char) c);
        }
        result.append((char) c);
      }
    }
    if (stop != END) {
      throw new DockerfileException(
          line,
          "in "
              + raw
              + " the "
              + (stop == '}' ? "${" : "pattern")
              + " has no closing "
              + (char) stop
              + "; add it, or write "
              + escape
              + "$ for a literal dollar sign");
    }
    return result.toString();
  }

  private void unquoted(char c) {
    if (Text.isSpace(c)) {
      endWord();
    } else {
      current.append(c);
    }
  }

  private void endWord() {
    if (current.length() > 0) {
      words.add(current.toString());
      current.setLength(0);
    }
  }

  private String singleQuoted() {
    int start = ++pos;
    int close = raw.indexOf('\'', start);
    if (close < 0) {
      throw unterminated("single");
    }
    pos = close + 1;
    return raw.substring(start, close);
  }

  private String doubleQuoted() {
    pos++;
    StringBuilder result = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == END) {
        throw unterminated("double");
      }
      if (c == '"') {
        pos++;
        return result.toString();
      }
      if (c == '$') {
        result.append(dollar());
        continue;
      }
      pos++;
      if (c == escape && peek() != END) {
        int next = peek();
        // Inside double quotes the escape only protects what is special there.
        if (next != '"' && next != '$' && next != escape) {
          result.append(escape);
        }
        c = raw.charAt(pos++);
      }
      result.append((char) c);
    }
  }

  private DockerfileException unterminated(String kind) {
    return new DockerfileException(
        line, "in " + raw + " a " + kind + " quote is not closed; add the closing quote");
  }

  private String dollar() {
    pos++;
    if (peek() != '{') {
      String name = name();
      return name.isEmpty() ? "$" : variables.getOrDefault(name, "");
    }
    pos++;
    String name = name();
    if (name.isEmpty()) {
      throw badSubstitution("a variable name is missing after ${");
    }
    int op = peek();
    if (op == END) {
      until('}', false, false);
    }

    pos++;
    String value = variables.get(name);
    boolean set = value != null;
    boolean nonEmpty = set && !value.isEmpty();
    switch (op) {
      case '}':
        return set ? value : "";
      case ':':
        int kind = peek();
        if (kind != '-' && kind != '+' && kind != '?') {
          throw badSubstitution("${" + name + ":" + (char) kind + "...} is not supported");
        }
        pos++;
        return modify(name, (char) kind, nonEmpty ? value : null);
      case '-', '+', '?':
        return modify(name, (char) op, value);
      case '#', '%':
        boolean longest = peek() == op;
        if (longest) {
          pos++;
        }
        String pattern = until('}', true, false);
        return trim(value == null ? "" : value, pattern, op == '#', longest);
      case '/':
        boolean all = peek() == '/';
        if (all) {
          pos++;
        }
        String find = until('/', true, false);
        String replacement = until('}', false, false);
        return replace(value == null ? "" : value, find, replacement, all);
      default:
        throw badSubstitution("${" + name + (char) op + "...} is not supported");
    }
  }

  /** {@code -}, {@code +} and {@code ?}; {@code value} is null when the test failed. */
  private String modify(String name, char kind, String value) {
    String word = until('}', false, false);
    return switch (kind) {
      case '-' -> value != null ? value : word;
      case '+' -> value != null ? word : "";
      default -> {
        if (value != null) {
          yield value;
        }
        throw new DockerfileException(
            line,
            name
                + ": "
                + (word.isEmpty() ? "is not set" : word)
                + "; set it with ARG or ENV, or pass a build argument");
      }
    };
  }

  private String trim(String value, String pattern, boolean prefix, boolean longest) {
    Glob glob = Glob.of(pattern, escape);
    int n = value.length();
    for (int k = 0; k <= n; k++) {
      int len = longest ? n - k : k;
      String candidate = prefix ? value.substring(0, len) : value.substring(n - len, n);
      if (glob.matches(candidate)) {
        return prefix ? value.substring(len) : value.substring(0, n - len);
      }
    }
    return value;
  }

  private String replace(String value, String pattern, String replacement, boolean all) {
    Glob glob = Glob.of(pattern, escape);
    StringBuilder out = new StringBuilder();
    int i = 0;
    boolean replaced = false;
    while (i <= value.length()) {
      int matchEnd = -1;
      if (!replaced || all) {
        for (int end = value.length(); end > i; end--) {
          if (glob.matches(value.substring(i, end))) {
            matchEnd = end;
            break;
          }
        }
      }
      if (matchEnd > 0) {
        out.append(replacement);
        i = matchEnd;
        replaced = true;
      } else {
        if (i < value.length()) {
          out.append(value.charAt(i));
        }
        i++;
      }
    }
    return out.toString();
  }

  private String name() {
    StringBuilder name = new StringBuilder();
    if (peek() != END && Character.isDigit(peek())) {
      while (peek() != END && Character.isDigit(peek())) {
        name.append(raw.charAt(pos++));
      }
      return name.toString();
    }
    if (peek() != END && SPECIAL_PARAMETERS.indexOf(peek()) >= 0) {
      return String.valueOf(raw.charAt(pos++));
    }
    while (peek() != END && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      name.append(raw.charAt(pos++));
    }
    return name.toString();
  }

  private DockerfileException badSubstitution(String what) {
    return new DockerfileException(
        line,
        "cannot expand "
            + raw
            + ": "
            + what
            + "; write ${name}, ${name:-default} or ${name:+alternative}");
  }

  private int peek() {
    return pos < raw.length() ? raw.charAt(pos) : END;
  }
}
