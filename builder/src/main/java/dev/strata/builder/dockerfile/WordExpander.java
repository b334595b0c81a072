package dev.strata.builder.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * Applies the Dockerfile word rules at build time: quote removal, escapes, and {@code $v}, {@code
 * ${v}}, {@code ${v:-d}}, {@code ${v:+a}} (and the other forms of the Dockerfile reference) against
 * the ARG and ENV values in force.
 *
 * <p>Supported forms: {@code $name}, {@code ${name}}, {@code ${name:-word}}, {@code ${name-word}},
 * {@code ${name:+word}}, {@code ${name+word}}, {@code ${name:?message}}, {@code ${name?message}},
 * {@code ${name#pattern}}, {@code ${name##pattern}}, {@code ${name%pattern}}, {@code
 * ${name%%pattern}}, {@code ${name/pattern/replacement}} and {@code ${name//pattern/replacement}}.
 * Unset variables expand to the empty string. Single quotes keep everything literal; double quotes
 * allow expansion; the escape character keeps the next character literal ({@code \$} is a dollar
 * sign).
 */
public final class WordExpander {
  private final char escape;

  public WordExpander(char escape) {
    this.escape = escape;
  }

  /** Expands one word; quotes are removed and the result is never split. */
  public String word(String raw, Map<String, String> variables) {
    return word(raw, variables, 0);
  }

  /**
   * Expands one word as {@link #word(String, Map)}; errors name {@code line}, the Dockerfile line
   * the word comes from.
   */
  public String word(String raw, Map<String, String> variables, int line) {
    return new WordScanner(raw, escape, variables, line).word();
  }

  /** Expands and splits on unquoted white space, as for EXPOSE, VOLUME and COPY sources. */
  public List<String> words(String raw, Map<String, String> variables) {
    return words(raw, variables, 0);
  }

  /**
   * Expands and splits as {@link #words(String, Map)}; errors name {@code line}. White space that
   * an unquoted variable expands to splits words too, as in a shell.
   */
  public List<String> words(String raw, Map<String, String> variables, int line) {
    return new WordScanner(raw, escape, variables, line).words();
  }
}
