package dev.strata.builder.dockerfile;

import java.util.List;
import java.util.Map;

/**
 * Applies the Dockerfile word rules at build time: quote removal, escapes, and {@code $v}, {@code
 * ${v}}, {@code ${v:-d}}, {@code ${v:+a}} (and the other forms of the Dockerfile reference) against
 * the ARG and ENV values in force.
 */
public final class WordExpander {
  private final char escape;

  public WordExpander(char escape) {
    this.escape = escape;
  }

  /** Expands one word; quotes are removed and the result is never split. */
  public String word(String raw, Map<String, String> variables) {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Expands and splits on unquoted white space, as for EXPOSE, VOLUME and COPY sources. */
  public List<String> words(String raw, Map<String, String> variables) {
    throw new UnsupportedOperationException("not yet written");
  }
}
