package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Dockerfile text into {@link Node}s: parser directives, comments, line continuations and
 * here-documents. It checks the syntax only; {@link InstructionReader} gives the nodes meaning.
 */
public final class NodeParser {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Set<String> DIRECTIVES = Set.of("escape", "syntax", "check");
  private static final Set<String> HEREDOC_KEYWORDS = Set.of("run", "copy", "add");

  /** What the syntax pass found: the directives in force and the instructions in order. */
  public record Result(Map<String, String> directives, char escape, List<Node> nodes) {
    /** All nodes in the reference parser's test notation, one parenthesised line each. */
    public String dump() {
      StringBuilder out = new StringBuilder();
      for (Node node : nodes) {
        out.append('(').append(node.dump()).append(")\n");
      }
      return out.toString();
    }
  }

  private final List<String> lines;
  private final Map<String, String> directives = new LinkedHashMap<>();
  private boolean directivesDone;
  private char escape = '\\';
  private Pattern continuation = continuationPattern('\\');
  private int next;

  private NodeParser(String text) {
    this.lines = splitLines(text);
  }

  /** Parses {@code text}; throws {@link DockerfileException} naming the line of the first error. */
  public static Result parse(String text) {
    return new NodeParser(text).read();
  }

  private Result read() {
    List<Node> nodes = new ArrayList<>();
    while (next < lines.size()) {
      int start = next + 1;
      String first = Text.trimLeadingSpace(content(next++));
      if (start == 1 && first.startsWith("\ufeff")) {
        first = first.substring(1);
      }
      directive(first, start);
      if (isComment(first)) {
        first = "";
      }
      Matcher end = continuation.matcher(first);
      boolean continues = end.find();
      if (!continues && first.isEmpty()) {
        continue;
      }

      StringBuilder logical =
          new StringBuilder(continues ? first.substring(0, end.start()) : first);
      while (continues && next < lines.size()) {
        String line = content(next++);
        if (isComment(line) || Text.trimLeadingSpace(line).isEmpty()) {
          continue;
        }
        end = continuation.matcher(line);
        continues = end.find();
        logical.append(continues ? line.substring(0, end.start()) : line);
      }

      Node node = new ArgumentSyntax(escape, start).node(logical.toString());
      nodes.add(withHeredocs(node));
    }
    if (nodes.isEmpty()) {
      throw new DockerfileException(
          0, "the Dockerfile has no instructions; start it with FROM <image>");
    }
    return new Result(Map.copyOf(directives), escape, List.copyOf(nodes));
  }

  /**
   * Parser directives count only at the very top: the first line that is not one (a comment, a
   * blank line, an instruction, or a directive we do not know) ends them.
   */
  private void directive(String line, int number) {
    if (directivesDone) {
      return;
    }
    Matcher m = DIRECTIVE.matcher(line);
    String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    if (!DIRECTIVES.contains(name)) {
      directivesDone = true;
      return;
    }
    if (directives.containsKey(name)) {
      throw new DockerfileException(
          number, "the parser directive " + name + " is given twice; keep only the first");
    }
    String value = m.group(2);
    if (name.equals("escape")) {
      if (!value.equals("\\") && !value.equals("`")) {
        throw new DockerfileException(
            number,
            "the escape directive sets "
                + value
                + ", but the escape character can only be \\ or `; write # escape=\\ or"
                + " # escape=`");
      }
      escape = value.charAt(0);
      continuation = continuationPattern(escape);
    }
    directives.put(name, value);
  }

  private Node withHeredocs(Node node) {
    String keyword = node.keyword().toLowerCase(Locale.ROOT);
    if (!HEREDOC_KEYWORDS.contains(keyword) || !node.original().contains("<<")) {
      return node;
    }
    List<Instruction.Heredoc> bodies = new ArrayList<>();
    for (HeredocMarker marker : HeredocMarker.inLine(node.original(), node.startLine())) {
      bodies.add(body(node, marker));
    }
    return node.withHeredocs(bodies, next);
  }

  private Instruction.Heredoc body(Node node, HeredocMarker marker) {
    StringBuilder content = new StringBuilder();
    while (next < lines.size()) {
      String raw = lines.get(next++);
      String candidate = stripNewline(raw);
      if (marker.chompTabs()) {
        candidate = candidate.replaceFirst("^\t+", "");
      }
      if (candidate.equals(marker.name())) {
        String text = content.toString();
        if (marker.chompTabs()) {
          text = text.replaceAll("(?m)^\t+", "");
        }
        return new Instruction.Heredoc(marker.name(), text, marker.expand(), marker.chompTabs());
      }
      content.append(raw);
    }
    throw new DockerfileException(
        node.startLine(),
        node.keyword().toUpperCase(Locale.ROOT)
            + ": the here-document <<"
            + marker.name()
            + " is not terminated; end it with a line holding only "
            + marker.name());
  }

  private String content(int index) {
    return stripNewline(lines.get(index));
  }

  private static boolean isComment(String line) {
    return Text.trimLeadingSpace(line).startsWith("#");
  }

  private static Pattern continuationPattern(char escape) {
    return Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \t]*$");
  }

  private static String stripNewline(String raw) {
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
      end--;
    }
    return raw.substring(0, end);
  }

  /** Lines with their line ends kept, because here-document bodies keep them. */
  private static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }
}
