package dev.strata.builder.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One instruction as the Dockerfile syntax sees it, before its meaning is checked: the keyword as
 * written, the {@code --flags}, and the arguments split the way the reference parser splits them.
 * ENV and LABEL arguments come in threes (key, value, and the separator {@code "="}, or {@code ""}
 * for the old {@code KEY value} form); HEALTHCHECK's first argument is its type (CMD or NONE).
 *
 * @param keyword the instruction keyword as written (case kept)
 * @param flags the leading {@code --name=value} flags, quotes removed
 * @param args the arguments; for shell form a single string holding the rest of the line
 * @param json whether the arguments were written as a JSON array (exec form)
 * @param trigger the instruction ONBUILD registers
 * @param heredocs here-documents introduced on this line, in order
 * @param text the arguments as written after the flags, trimmed
 * @param startLine 1-based line where the instruction starts
 * @param endLine 1-based line where it ends, including continuations and here-documents
 * @param original the instruction with its continuation lines joined
 */
public record Node(
    String keyword,
    List<String> flags,
    List<String> args,
    boolean json,
    Optional<Node> trigger,
    List<Instruction.Heredoc> heredocs,
    String text,
    int startLine,
    int endLine,
    String original) {

  /** This node with the here-documents read after it and its last line. */
  Node withHeredocs(List<Instruction.Heredoc> bodies, int lastLine) {
    return new Node(
        keyword,
        flags,
        args,
        json,
        trigger,
        List.copyOf(bodies),
        text,
        startLine,
        lastLine,
        original);
  }

  /**
   * The node in the reference parser's test notation, {@code (keyword ["flag"] "arg" ...)} without
   * the parentheses, so that its fixtures can be compared as they are.
   */
  public String dump() {
    StringBuilder out = new StringBuilder(keyword.toLowerCase(Locale.ROOT));
    if (!flags.isEmpty()) {
      out.append(" [");
      for (int i = 0; i < flags.size(); i++) {
        out.append(i == 0 ? "" : " ").append(quote(flags.get(i)));
      }
      out.append(']');
    }
    trigger.ifPresent(node -> out.append(" (").append(node.dump()).append(')'));
    for (String arg : args) {
      out.append(' ').append(quote(arg));
    }
    return out.toString();
  }

  /** Quotes like Go's {@code strconv.Quote}, the notation of the reference fixtures. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints().forEach(c -> appendQuoted(out, c));
    return out.append('"').toString();
  }

  private static void appendQuoted(StringBuilder out, int c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0b -> out.append("\\v");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          out.append(String.format("\\x%02x", c));
        } else if (isPrintable(c)) {
          out.appendCodePoint(c);
        } else if (c < 0x10000) {
          out.append(String.format("\\u%04x", c));
        } else {
          out.append(String.format("\\U%08x", c));
        }
      }
    }
  }

  private static boolean isPrintable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
