package dev.strata.builder.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Dockerfile text into {@link Dockerfile}; errors name the line.
 *
 * <p>Two passes: {@link NodeParser} reads the syntax (directives, continuations, here-documents,
 * JSON or shell form) the way BuildKit's parser does, then each node is given its meaning as an
 * {@link Instruction} and the instructions are grouped into stages.
 *
 * <p>One deliberate difference from BuildKit: an argument that reads as a JSON array of strings but
 * stops before its closing bracket or quote ({@code CMD ["a", "b"}) is an error here, where
 * BuildKit would quietly run it as a shell command.
 */
public final class DockerfileParser {

  /** Parses {@code text}; throws {@link DockerfileException} on the first error. */
  public Dockerfile parse(String text) {
    NodeParser.Result syntax = NodeParser.parse(text);
    List<Instruction> instructions = read(syntax);

    List<Instruction.Arg> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Map<String, Integer> aliases = new HashMap<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction instruction : instructions) {
      if (instruction instanceof Instruction.From next) {
        if (from != null) {
          stages.add(new Stage(stages.size(), from, List.copyOf(body)));
        }
        next.alias().ifPresent(alias -> checkUnique(aliases, alias, next.line()));
        from = next;
        body.clear();
      } else if (from != null) {
        body.add(instruction);
      } else if (instruction instanceof Instruction.Arg arg) {
        globalArgs.add(arg);
      } else {
        throw new DockerfileException(
            instruction.line(),
            keyword(instruction)
                + " comes before the first FROM; only ARG may come before FROM, so start the"
                + " stage with FROM <image>");
      }
    }
    if (from == null) {
      throw new DockerfileException(
          0, "the Dockerfile has no FROM instruction; start a build stage with FROM <image>");
    }
    stages.add(new Stage(stages.size(), from, List.copyOf(body)));
    return new Dockerfile(
        syntax.directives(), List.copyOf(globalArgs), List.copyOf(stages), syntax.escape());
  }

  /**
   * Parses {@code text} into its instructions in order, without the stage rules (FROM first), for
   * tools that look at single instructions; throws {@link DockerfileException} on the first error.
   */
  public static List<Instruction> instructions(String text) {
    return read(NodeParser.parse(text));
  }

  private static List<Instruction> read(NodeParser.Result syntax) {
    InstructionReader reader = new InstructionReader(syntax.escape());
    return syntax.nodes().stream().map(reader::read).toList();
  }

  private static void checkUnique(Map<String, Integer> aliases, String alias, int line) {
    Integer earlier = aliases.putIfAbsent(alias, line);
    if (earlier != null) {
      throw new DockerfileException(
          line,
          "FROM: the stage name "
              + alias
              + " is already used on line "
              + earlier
              + "; give each stage its own name");
    }
  }

  private static String keyword(Instruction instruction) {
    String original = instruction.original().strip();
    int end = 0;
    while (end < original.length() && !Character.isWhitespace(original.charAt(end))) {
      end++;
    }
    return original.substring(0, end).toUpperCase(java.util.Locale.ROOT);
  }
}
