package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code --name=value} flags of one instruction, checked against the flags it accepts. */
final class Flags {

  /** How a flag takes its value. */
  enum Kind {
    /** {@code --link} or {@code --link=true|false}. */
    BOOL,
    /** {@code --from=x}, given at most once. */
    STRING,
    /** {@code --exclude=x}, may be repeated. */
    STRINGS
  }

  private final Map<String, List<String>> values = new HashMap<>();

  private Flags() {}

  static Flags parse(Node node, Map<String, Kind> accepted) {
    String keyword = node.keyword().toUpperCase(Locale.ROOT);
    Flags flags = new Flags();
    for (String flag : node.flags()) {
      int eq = flag.indexOf('=');
      String name = flag.substring(2, eq < 0 ? flag.length() : eq);
      Kind kind = accepted.get(name);
      if (kind == null) {
        throw new DockerfileException(
            node.startLine(),
            keyword
                + ": unknown flag --"
                + name
                + "; "
                + keyword
                + (accepted.isEmpty()
                    ? " takes no flags"
                    : " accepts " + String.join(", ", sorted(accepted))));
      }
      if (kind != Kind.STRINGS && flags.values.containsKey(name)) {
        throw new DockerfileException(
            node.startLine(), keyword + ": the flag --" + name + " is given twice; give it once");
      }
      String value = eq < 0 ? null : flag.substring(eq + 1);
      flags
          .values
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(check(node, name, kind, value));
    }
    return flags;
  }

  private static String check(Node node, String name, Kind kind, String value) {
    String keyword = node.keyword().toUpperCase(Locale.ROOT);
    if (kind == Kind.BOOL) {
      if (value == null) {
        return "true";
      }
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        return lower;
      }
      throw new DockerfileException(
          node.startLine(),
          keyword + ": the flag --" + name + " takes true or false, not \"" + value + "\"");
    }
    if (value == null) {
      throw new DockerfileException(
          node.startLine(),
          keyword + ": the flag --" + name + " needs a value; write --" + name + "=<value>");
    }
    return value;
  }

  private static List<String> sorted(Map<String, Kind> accepted) {
    return accepted.keySet().stream().sorted().map(name -> "--" + name).toList();
  }

  Optional<String> string(String name) {
    List<String> given = values.get(name);
    return given == null ? Optional.empty() : Optional.of(given.get(0));
  }

  List<String> strings(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  boolean bool(String name) {
    return string(name).map(Boolean::parseBoolean).orElse(false);
  }
}
