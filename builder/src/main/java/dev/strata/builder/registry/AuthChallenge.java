package dev.strata.builder.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme such as {@code Bearer} or
 * {@code Basic} and its parameters, e.g. {@code realm}, {@code service}, {@code scope}.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

  AuthChallenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equalsIgnoreCase("Bearer");
  }

  boolean isBasic() {
    return scheme.equalsIgnoreCase("Basic");
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The Bearer challenge if there is one, else the Basic one, among all the header values. */
  static Optional<AuthChallenge> preferred(List<String> headerValues) {
    List<AuthChallenge> all = new ArrayList<>();
    headerValues.forEach(value -> all.addAll(parse(value)));
    return all.stream()
        .filter(AuthChallenge::isBearer)
        .findFirst()
        .or(() -> all.stream().filter(AuthChallenge::isBasic).findFirst());
  }

  /**
   * Parses a header value that may hold several challenges. Parameter values may be quoted, and
   * quoted values may hold commas (a scope with {@code pull,push}) and backslash escapes.
   */
  static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> challenges = new ArrayList<>();
    Cursor in = new Cursor(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (in.skipSeparators()) {
      String token = in.token();
      if (token.isEmpty()) {
        in.pos++; // stray character: skip rather than loop forever
        continue;
      }
      in.skipSpaces();
      if (scheme != null && in.peek() == '=') {
        in.pos++;
        in.skipSpaces();
        String value = in.peek() == '"' ? in.quoted() : in.token();
        params.put(token.toLowerCase(Locale.ROOT), value);
      } else {
        if (scheme != null) {
          challenges.add(new AuthChallenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      challenges.add(new AuthChallenge(scheme, params));
    }
    return challenges;
  }

  private static final class Cursor {
    private final String text;
    private int pos;

    Cursor(String text) {
      this.text = text == null ? "" : text;
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    boolean skipSeparators() {
      while (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ' ')) {
        pos++;
      }
      return pos < text.length();
    }

    void skipSpaces() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (pos < text.length() && " ,=\"".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      return text.substring(start, pos);
    }

    String quoted() {
      StringBuilder value = new StringBuilder();
      pos++;
      while (pos < text.length() && text.charAt(pos) != '"') {
        if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
          pos++;
        }
        value.append(text.charAt(pos++));
      }
      pos++;
      return value.toString();
    }
  }
}
