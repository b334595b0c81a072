package dev.strata.builder.dockerfile;

import dev.strata.builder.dockerfile.Flags.Kind;
import dev.strata.builder.dockerfile.Instruction.ArgDeclaration;
import dev.strata.builder.dockerfile.Instruction.Command;
import dev.strata.builder.dockerfile.Instruction.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Gives a {@link Node} its meaning as an {@link Instruction}, checking flags and arguments. */
final class InstructionReader {
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
  private static final Pattern DURATION =
      Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h)");
  private static final Pattern DURATIONS =
      Pattern.compile("[-+]?(0|(" + DURATION.pattern() + ")+)");

  private static final Map<String, Kind> COPY_FLAGS =
      Map.of(
          "chown", Kind.STRING,
          "chmod", Kind.STRING,
          "from", Kind.STRING,
          "link", Kind.BOOL,
          "exclude", Kind.STRINGS,
          "parents", Kind.BOOL);
  private static final Map<String, Kind> ADD_FLAGS =
      Map.of(
          "chown", Kind.STRING,
          "chmod", Kind.STRING,
          "link", Kind.BOOL,
          "exclude", Kind.STRINGS,
          "checksum", Kind.STRING);
  private static final Map<String, Kind> RUN_FLAGS =
      Map.of(
          "mount", Kind.STRINGS,
          "network", Kind.STRING,
          "security", Kind.STRING,
          "device", Kind.STRINGS);
  private static final Map<String, Kind> HEALTH_FLAGS =
      Map.of(
          "interval", Kind.STRING,
          "timeout", Kind.STRING,
          "start-period", Kind.STRING,
          "start-interval", Kind.STRING,
          "retries", Kind.STRING);

  private final char escape;

  InstructionReader(char escape) {
    this.escape = escape;
  }

  Instruction read(Node node) {
    String keyword = node.keyword().toLowerCase(Locale.ROOT);
    if (!keyword.equals("copy")
        && !keyword.equals("add")
        && !keyword.equals("run")
        && !keyword.equals("from")
        && !keyword.equals("healthcheck")) {
      Flags.parse(node, Map.of());
    }
    return switch (keyword) {
      case "from" -> from(node);
      case "run" -> run(node);
      case "cmd" -> new Instruction.Cmd(node.startLine(), node.original(), command(node, 0));
      case "entrypoint" ->
          new Instruction.Entrypoint(node.startLine(), node.original(), command(node, 0));
      case "label" -> new Instruction.Label(node.startLine(), node.original(), pairs(node));
      case "env" -> new Instruction.Env(node.startLine(), node.original(), pairs(node));
      case "maintainer" ->
          new Instruction.Maintainer(node.startLine(), node.original(), single(node));
      case "expose" ->
          new Instruction.Expose(node.startLine(), node.original(), atLeastOne(node, "a port"));
      case "copy", "add" -> copy(node, keyword.equals("add"));
      case "volume" -> volume(node);
      case "user" -> new Instruction.User(node.startLine(), node.original(), single(node));
      case "workdir" -> new Instruction.Workdir(node.startLine(), node.original(), single(node));
      case "stopsignal" ->
          new Instruction.StopSignal(node.startLine(), node.original(), single(node));
      case "arg" -> arg(node);
      case "onbuild" -> onbuild(node);
      case "healthcheck" -> healthcheck(node);
      case "shell" -> shell(node);
      default ->
          throw new DockerfileException(
              node.startLine(),
              "unknown instruction "
                  + node.keyword()
                  + "; check the spelling against the Dockerfile reference (FROM, RUN, COPY, ...)");
    };
  }

  private Instruction.From from(Node node) {
    Flags flags = Flags.parse(node, Map.of("platform", Kind.STRING));
    List<String> args = node.args();
    boolean aliased = args.size() == 3 && args.get(1).equalsIgnoreCase("as");
    if (args.size() != 1 && !aliased) {
      throw error(
          node, "needs an image, optionally followed by AS <name>; write FROM <image> [AS <name>]");
    }
    Optional<String> alias = Optional.empty();
    if (aliased) {
      String name = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw error(
            node,
            "the stage name "
                + args.get(2)
                + " is not valid; start it with a letter and use only letters, digits, -, _ and .");
      }
      alias = Optional.of(name);
    }
    return new Instruction.From(
        node.startLine(), node.original(), args.get(0), flags.string("platform"), alias);
  }

  private Instruction.Run run(Node node) {
    Flags.parse(node, RUN_FLAGS);
    return new Instruction.Run(
        node.startLine(), node.original(), command(node, 0), node.flags(), node.heredocs());
  }

  /** The shell or exec form command held in the node's arguments from {@code first} on. */
  private Command command(Node node, int first) {
    List<String> args =
        node.args().subList(Math.min(first, node.args().size()), node.args().size());
    if (node.json()) {
      return new Command.Exec(List.copyOf(args));
    }
    if (args.isEmpty()) {
      throw error(
          node,
          "needs a command; write it in shell form or as a JSON array such as"
              + " [\"executable\", \"arg\"]");
    }
    String script = args.get(0);
    if (JsonArray.of(script) instanceof JsonArray.NotJson notJson && notJson.cutOff()) {
      throw error(
          node,
          "the JSON array "
              + script
              + " is not terminated; write a JSON array of strings or use shell form");
    }
    return new Command.Shell(script);
  }

  private List<KeyValue> pairs(Node node) {
    List<String> args = node.args();
    if (args.isEmpty()) {
      throw error(node, "needs at least one name=value pair");
    }
    List<KeyValue> pairs = new ArrayList<>();
    for (int i = 0; i + 2 < args.size(); i += 3) {
      if (args.get(i).isEmpty()) {
        throw error(node, "a name is empty; write name=value with a name before the =");
      }
      pairs.add(new KeyValue(args.get(i), args.get(i + 1)));
    }
    return List.copyOf(pairs);
  }

  private String single(Node node) {
    if (node.args().isEmpty()) {
      throw error(node, "needs an argument");
    }
    return node.args().get(0);
  }

  private List<String> atLeastOne(Node node, String what) {
    if (node.args().isEmpty()) {
      throw error(node, "needs at least " + what);
    }
    return node.args();
  }

  private Instruction.Copy copy(Node node, boolean add) {
    Flags flags = Flags.parse(node, add ? ADD_FLAGS : COPY_FLAGS);
    List<String> args = node.json() ? node.args() : words(node);
    if (args.size() < 2) {
      throw error(node, "needs at least one source and a destination");
    }
    rejectUnterminatedJson(node);
    String destination = args.get(args.size() - 1);
    if (destination.startsWith("<<")) {
      throw error(node, "a here-document cannot be the destination; put the destination path last");
    }
    return new Instruction.Copy(
        node.startLine(),
        node.original(),
        add,
        List.copyOf(args.subList(0, args.size() - 1)),
        destination,
        flags.string("chown"),
        flags.string("chmod"),
        flags.string("from"),
        flags.bool("link"),
        flags.string("checksum"),
        flags.strings("exclude"),
        node.heredocs(),
        flags.bool("parents"));
  }

  private Instruction.Volume volume(Node node) {
    List<String> paths = node.json() ? node.args() : words(node);
    if (paths.isEmpty()) {
      throw error(node, "needs at least one path");
    }
    rejectUnterminatedJson(node);
    if (paths.stream().anyMatch(String::isBlank)) {
      throw error(node, "a path is empty; remove the empty string from the list");
    }
    return new Instruction.Volume(node.startLine(), node.original(), List.copyOf(paths));
  }

  /**
   * Shell-form words of COPY, ADD and VOLUME. Unlike the reference parser we keep quoted blanks in
   * one word, so {@code COPY "my file" /x} means what it says.
   */
  private List<String> words(Node node) {
    return new ArgumentSyntax(escape, node.startLine()).words(node.text());
  }

  private void rejectUnterminatedJson(Node node) {
    if (!node.json()
        && JsonArray.of(node.text()) instanceof JsonArray.NotJson notJson
        && notJson.cutOff()) {
      throw error(
          node,
          "the JSON array "
              + node.text()
              + " is not terminated; write a JSON array of strings or use shell form");
    }
  }

  private Instruction.Arg arg(Node node) {
    List<ArgDeclaration> declarations = new ArrayList<>();
    for (String word : atLeastOne(node, "one name")) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (name.isEmpty()) {
        throw error(node, "a name is empty in " + word + "; write ARG name or ARG name=default");
      }
      Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1));
      declarations.add(new ArgDeclaration(name, value));
    }
    return new Instruction.Arg(node.startLine(), node.original(), List.copyOf(declarations));
  }

  private Instruction.Onbuild onbuild(Node node) {
    Node trigger =
        node.trigger().orElseThrow(() -> error(node, "needs the instruction to run later"));
    String keyword = trigger.keyword().toUpperCase(Locale.ROOT);
    if (keyword.equals("ONBUILD") || keyword.equals("FROM") || keyword.equals("MAINTAINER")) {
      throw error(node, keyword + " cannot be an ONBUILD trigger; use another instruction");
    }
    read(trigger);
    return new Instruction.Onbuild(node.startLine(), node.original(), trigger.original());
  }

  private Instruction.Healthcheck healthcheck(Node node) {
    Flags flags = Flags.parse(node, HEALTH_FLAGS);
    List<String> args = node.args();
    if (args.isEmpty()) {
      throw error(node, "needs NONE or CMD <command>");
    }
    String type = args.get(0).toUpperCase(Locale.ROOT);
    if (type.equals("NONE")) {
      if (args.size() > 1 || !node.flags().isEmpty()) {
        throw error(node, "NONE takes no flags and no command; write HEALTHCHECK NONE alone");
      }
      return new Instruction.Healthcheck(
          node.startLine(),
          node.original(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    if (!type.equals("CMD")) {
      throw error(
          node, "unknown type " + args.get(0) + "; write HEALTHCHECK CMD <command> or NONE");
    }
    if (args.size() < 2) {
      throw error(node, "CMD needs a command to run");
    }
    return new Instruction.Healthcheck(
        node.startLine(),
        node.original(),
        Optional.of(command(node, 1)),
        duration(node, flags, "interval"),
        duration(node, flags, "timeout"),
        duration(node, flags, "start-period"),
        duration(node, flags, "start-interval"),
        retries(node, flags));
  }

  private Optional<String> duration(Node node, Flags flags, String name) {
    Optional<String> value = flags.string(name);
    if (value.isPresent()
        && (!DURATIONS.matcher(value.get()).matches() || value.get().startsWith("-"))) {
      throw error(
          node,
          "--"
              + name
              + "="
              + value.get()
              + " is not a duration; write a number and a unit, e.g. 30s");
    }
    return value;
  }

  private Optional<Integer> retries(Node node, Flags flags) {
    Optional<String> value = flags.string("retries");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      int retries = Integer.parseInt(value.get());
      if (retries >= 0) {
        return Optional.of(retries);
      }
    } catch (NumberFormatException e) {
      // reported below with the instruction's line
    }
    throw error(node, "--retries=" + value.get() + " is not a whole number of 0 or more");
  }

  private Instruction.Shell shell(Node node) {
    if (!node.json()) {
      throw error(
          node, "needs a JSON array such as [\"/bin/sh\", \"-c\"]; shell form is not allowed");
    }
    if (node.args().isEmpty()) {
      throw error(node, "needs at least the shell executable, e.g. [\"/bin/sh\", \"-c\"]");
    }
    return new Instruction.Shell(node.startLine(), node.original(), node.args());
  }

  private static DockerfileException error(Node node, String message) {
    return new DockerfileException(
        node.startLine(), node.keyword().toUpperCase(Locale.ROOT) + ": " + message);
  }
}
