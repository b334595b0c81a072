package dev.strata.builder.build;

import dev.strata.builder.dockerfile.Instruction;
import dev.strata.builder.dockerfile.WordExpander;
import dev.strata.builder.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The instructions that change only the image config. */
final class ConfigSteps {
  private final WordExpander words;
  private final StageState state;

  ConfigSteps(WordExpander words, StageState state) {
    this.words = words;
    this.state = state;
  }

  void apply(Instruction instruction) throws BuildException {
    Map<String, String> vars = state.variables();
    if (instruction instanceof Instruction.Env env) {
      for (Instruction.KeyValue kv : env.variables()) {
        state.env.put(
            words.word(kv.key(), state.variables()), words.word(kv.value(), state.variables()));
      }
    } else if (instruction instanceof Instruction.Arg arg) {
      arg(arg);
    } else if (instruction instanceof Instruction.Label label) {
      for (Instruction.KeyValue kv : label.labels()) {
        state.labels.put(words.word(kv.key(), vars), words.word(kv.value(), vars));
      }
    } else if (instruction instanceof Instruction.Expose expose) {
      for (String raw : expose.ports()) {
        for (String port : words.words(raw, vars)) {
          state.exposedPorts.put(exposedPort(port), Map.of());
        }
      }
    } else if (instruction instanceof Instruction.Volume volume) {
      for (String raw : volume.paths()) {
        for (String path : words.words(raw, vars)) {
          state.volumes.put(path, Map.of());
        }
      }
    } else if (instruction instanceof Instruction.User user) {
      state.user = words.word(user.user(), vars);
    } else if (instruction instanceof Instruction.Workdir workdir) {
      String path = words.word(workdir.path(), vars);
      state.workingDir = CopyStep.destinationPath(path, state.workingDir);
    } else if (instruction instanceof Instruction.Cmd cmd) {
      state.cmd = command(cmd.command());
      state.cmdLine = cmd.line();
    } else if (instruction instanceof Instruction.Entrypoint entrypoint) {
      state.entrypoint = command(entrypoint.command());
      state.entrypointLine = entrypoint.line();
      // An ENTRYPOINT set here makes a CMD inherited from an earlier image meaningless.
      if (state.cmdLine == 0) {
        state.cmd = null;
      }
    } else if (instruction instanceof Instruction.Shell shell) {
      state.shell = List.copyOf(shell.argv());
    } else if (instruction instanceof Instruction.StopSignal signal) {
      state.stopSignal = words.word(signal.signal(), vars);
    } else if (instruction instanceof Instruction.Healthcheck check) {
      state.healthcheck = healthcheck(check);
    } else if (instruction instanceof Instruction.Onbuild onbuild) {
      state.onBuild.add(onbuild.trigger());
    } else if (instruction instanceof Instruction.Maintainer maintainer) {
      state.author = maintainer.name();
    } else {
      throw new BuildException(
          instruction.line(), "'" + instruction.original() + "' cannot be used inside a stage");
    }
  }

  private static final java.util.regex.Pattern PORT =
      java.util.regex.Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?");

  /** {@code 80} → {@code 80/tcp}; ports outside 1-65535 and unknown protocols are errors. */
  static String exposedPort(String text) {
    java.util.regex.Matcher m = PORT.matcher(text.toLowerCase());
    if (!m.matches() || !validPort(m.group(1)) || (m.group(2) != null && !validPort(m.group(2)))) {
      throw new IllegalArgumentException(
          "EXPOSE "
              + text
              + " is not a port: write it like 80, "
              + "8080/udp or 8000-8010/tcp, with ports from 1 to 65535");
    }
    return m.group(3) == null ? text.toLowerCase() + "/tcp" : text.toLowerCase();
  }

  private static boolean validPort(String digits) {
    return digits.length() <= 5
        && Integer.parseInt(digits) >= 1
        && Integer.parseInt(digits) <= 65535;
  }

  private void arg(Instruction.Arg arg) {
    for (Instruction.ArgDeclaration decl : arg.args()) {
      String value = state.buildArgs.get(decl.name());
      if (value == null) {
        value =
            decl.defaultValue()
                .map(d -> words.word(d, state.variables()))
                .orElse(state.globalArgs.get(decl.name()));
      }
      state.args.put(decl.name(), value == null ? "" : value);
    }
  }

  private List<String> command(Instruction.Command command) {
    if (command instanceof Instruction.Command.Exec exec) {
      return List.copyOf(exec.argv());
    }
    List<String> argv = new ArrayList<>(state.shellOrDefault());
    argv.add(((Instruction.Command.Shell) command).script());
    return argv;
  }

  private ImageConfig.Healthcheck healthcheck(Instruction.Healthcheck check) {
    if (check.command().isEmpty()) {
      return new ImageConfig.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0);
    }
    List<String> test = new ArrayList<>();
    if (check.command().get() instanceof Instruction.Command.Exec exec) {
      test.add("CMD");
      test.addAll(exec.argv());
    } else {
      test.add("CMD-SHELL");
      test.add(((Instruction.Command.Shell) check.command().get()).script());
    }
    return new ImageConfig.Healthcheck(
        test,
        check.interval().map(Durations::nanos).orElse(0L),
        check.timeout().map(Durations::nanos).orElse(0L),
        check.startPeriod().map(Durations::nanos).orElse(0L),
        check.startInterval().map(Durations::nanos).orElse(0L),
        check.retries().orElse(0));
  }
}
