package dev.strata.builder.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One parsed Dockerfile instruction. Values are kept as written (quotes and variables unexpanded)
 * because expansion depends on the ARG and ENV state at the moment the build reaches the
 * instruction; {@link WordExpander} does it then.
 */
public sealed interface Instruction {

  /** 1-based line of the Dockerfile where the instruction starts. */
  int line();

  /** The instruction as written, continuations joined, used for history and messages. */
  String original();

  /** The command of RUN, CMD, ENTRYPOINT and HEALTHCHECK: shell form or exec (JSON) form. */
  sealed interface Command {
    /** Shell form: run through the stage's SHELL. */
    record Shell(String script) implements Command {}

    /** Exec form: argv as given in the JSON array, no variable expansion. */
    record Exec(List<String> argv) implements Command {}
  }

  /**
   * A {@code <<EOF} here-document attached to RUN, COPY or ADD. {@code content} is the body with
   * its line ends; for {@code <<-EOF} ({@code chompTabs}) the leading tabs of each line are already
   * removed. {@code expand} is false when the name was quoted ({@code <<"EOF"}): the body is then
   * used as written.
   */
  record Heredoc(String name, String content, boolean expand, boolean chompTabs) {}

  /** {@code KEY=value} as written; the value may still hold quotes and variables. */
  record KeyValue(String key, String value) {}

  /** One name of an ARG, with its default when it has one. */
  record ArgDeclaration(String name, Optional<String> defaultValue) {}

  record From(
      int line, String original, String image, Optional<String> platform, Optional<String> alias)
      implements Instruction {}

  /**
   * RUN. {@code flags} are the flags as written ({@code --mount=...}, {@code --network=...}, {@code
   * --security=...}), checked by name. A shell-form script such as {@code <<EOF} refers to the
   * here-documents in {@code heredocs}.
   */
  record Run(int line, String original, Command command, List<String> flags, List<Heredoc> heredocs)
      implements Instruction {}

  record Cmd(int line, String original, Command command) implements Instruction {}

  record Entrypoint(int line, String original, Command command) implements Instruction {}

  record Label(int line, String original, List<KeyValue> labels) implements Instruction {}

  record Maintainer(int line, String original, String name) implements Instruction {}

  record Expose(int line, String original, List<String> ports) implements Instruction {}

  record Env(int line, String original, List<KeyValue> variables) implements Instruction {}

  /**
   * COPY and ADD share one shape; {@code add} tells which it was. In shell form {@code sources} and
   * {@code destination} are the words as written (quotes kept), in JSON form the array elements;
   * either way the engine expands each with {@link WordExpander#word}. A source written {@code
   * <<NAME} stands for the here-document of that name in {@code heredocs}. {@code parents} is
   * COPY's {@code --parents}.
   */
  record Copy(
      int line,
      String original,
      boolean add,
      List<String> sources,
      String destination,
      Optional<String> chown,
      Optional<String> chmod,
      Optional<String> from,
      boolean link,
      Optional<String> checksum,
      List<String> excludes,
      List<Heredoc> heredocs,
      boolean parents)
      implements Instruction {

    /** The shape without {@code parents}, kept for code written before the flag was added. */
    public Copy(
        int line,
        String original,
        boolean add,
        List<String> sources,
        String destination,
        Optional<String> chown,
        Optional<String> chmod,
        Optional<String> from,
        boolean link,
        Optional<String> checksum,
        List<String> excludes,
        List<Heredoc> heredocs) {
      this(
          line,
          original,
          add,
          sources,
          destination,
          chown,
          chmod,
          from,
          link,
          checksum,
          excludes,
          heredocs,
          false);
    }
  }

  record Volume(int line, String original, List<String> paths) implements Instruction {}

  record User(int line, String original, String user) implements Instruction {}

  record Workdir(int line, String original, String path) implements Instruction {}

  record Arg(int line, String original, List<ArgDeclaration> args) implements Instruction {}

  record Onbuild(int line, String original, String trigger) implements Instruction {}

  record StopSignal(int line, String original, String signal) implements Instruction {}

  /** HEALTHCHECK; an empty {@code command} means {@code HEALTHCHECK NONE}. */
  record Healthcheck(
      int line,
      String original,
      Optional<Command> command,
      Optional<String> interval,
      Optional<String> timeout,
      Optional<String> startPeriod,
      Optional<String> startInterval,
      Optional<Integer> retries)
      implements Instruction {}

  record Shell(int line, String original, List<String> argv) implements Instruction {}
}
