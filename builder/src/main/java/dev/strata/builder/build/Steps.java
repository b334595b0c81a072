package dev.strata.builder.build;

import dev.strata.builder.cache.StepCache;
import dev.strata.builder.context.SourceException;
import dev.strata.builder.context.SourceTree;
import dev.strata.builder.dockerfile.Instruction;
import dev.strata.builder.dockerfile.Stage;
import dev.strata.builder.dockerfile.WordExpander;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.ImageConfig;
import dev.strata.builder.layer.Change;
import dev.strata.builder.layer.FileState;
import dev.strata.builder.layer.Owner;
import dev.strata.builder.layer.Snapshot;
import dev.strata.builder.run.RunSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies one instruction to a stage: a config change, or a layer (from the cache or made). */
final class Steps {
  private final StepContext ctx;
  private final WordExpander words;
  private final StageState state;

  Steps(StepContext ctx, WordExpander words, StageState state) {
    this.ctx = ctx;
    this.words = words;
    this.state = state;
  }

  void apply(Instruction instruction) throws BuildException, IOException, InterruptedException {
    if (instruction instanceof Instruction.Run run) {
      run(run);
    } else if (instruction instanceof Instruction.Copy copy) {
      copy(copy);
    } else {
      new ConfigSteps(words, state).apply(instruction);
      if (instruction instanceof Instruction.Workdir) {
        makeWorkingDir();
      }
      state.history.add(new ImageConfig.History(null, instruction.original(), null, true));
    }
  }

  /** WORKDIR creates its directory; the next layer carries it. */
  private void makeWorkingDir() throws IOException {
    Path dir = state.root.resolve(state.workingDir, true);
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    for (Path p = dir; !p.equals(state.root.directory()); p = p.getParent()) {
      state.pending.add(new Change(state.root.relative(p), Change.Type.ADDED_OR_MODIFIED));
    }
  }

  /** A stage that ends with WORKDIR changes no later step carried gets a layer of its own. */
  void flushPending(Stage stage) throws IOException {
    if (state.pending.isEmpty()) {
      return;
    }
    Digest key = key("pending", List.of());
    state.history.remove(state.history.size() - 1);
    String createdBy = "WORKDIR " + state.workingDir;
    Optional<StepCache.Entry> hit = ctx.steps().lookup(key);
    if (hit.isPresent()) {
      StageBuilder.reuseLayer(ctx, state, hit.get(), createdBy);
    } else {
      StageBuilder.addLayer(ctx, state, takePending(), createdBy, key);
    }
    state.pending.clear();
  }

  private List<Change> takePending() {
    List<Change> changes = new ArrayList<>(state.pending);
    state.pending.clear();
    return changes;
  }

  private void run(Instruction.Run run) throws BuildException, IOException, InterruptedException {
    for (String flag : run.flags()) {
      if (!flag.startsWith("--network=")) {
        throw new BuildException(
            run.line(),
            "RUN "
                + flag
                + " is not supported yet; remove the "
                + "flag or do the work in a plain RUN");
      }
    }
    List<String> argv = argv(run);
    Owner user = Users.resolve(state.root, words.word(state.user, state.variables()));
    String workingDir = state.workingDir.isEmpty() ? "/" : state.workingDir;
    Digest key =
        key(
            "RUN " + run.original(),
            List.of(
                String.join("\0", argv),
                user.toString(),
                workingDir,
                String.join("\0", runEnvironment(user))));
    state.chain = key;
    Optional<StepCache.Entry> hit = ctx.steps().lookup(key);
    if (hit.isPresent()) {
      StageBuilder.reuseLayer(ctx, state, hit.get(), run.original());
      state.pending.clear();
      return;
    }
    Files.createDirectories(state.root.resolve(workingDir, true));
    Snapshot before = Snapshot.of(state.root.directory());
    RunSpec spec =
        new RunSpec(state.root.directory(), argv, state.runEnvironment(), workingDir, user);
    int exit;
    try {
      exit = ctx.runner().run(spec, ctx.listener()::output);
    } catch (IOException e) {
      throw new BuildException(
          run.line(), "'" + run.original() + "' could not be started: " + e.getMessage(), e);
    }
    if (exit != 0) {
      throw new BuildException(
          run.line(),
          "'"
              + run.original()
              + "' failed with exit code "
              + exit
              + "; its output is in the build log");
    }
    List<Change> changes = Snapshot.of(state.root.directory()).changesSince(before);
    for (Change change : changes) {
      if (!before.states().containsKey(change.path())) {
        state.root.setOwner(change.path(), user);
      }
    }
    changes.addAll(takePending());
    StageBuilder.addLayer(ctx, state, changes, run.original(), key);
  }

  /** The RUN environment, with HOME from the image's passwd when ENV does not set it. */
  private List<String> runEnvironment(Owner user) {
    List<String> env = new ArrayList<>(state.runEnvironment());
    if (!state.env.containsKey("HOME")) {
      env.add("HOME=" + Users.home(state.root, user.uid()));
    }
    return env;
  }

  private List<String> argv(Instruction.Run run) {
    if (run.command() instanceof Instruction.Command.Exec exec) {
      return exec.argv();
    }
    String command = ((Instruction.Command.Shell) run.command()).script();
    List<Instruction.Heredoc> heredocs = run.heredocs();
    StringBuilder script = new StringBuilder();
    if (heredocs.size() == 1
        && command
            .strip()
            .matches(
                "<<-?[\"']?" + java.util.regex.Pattern.quote(heredocs.get(0).name()) + "[\"']?")) {
      // RUN <<EOF alone: the here-document is the script.
      script.append(heredocs.get(0).content());
    } else {
      // A here-document fed to a command is handed to the shell as written, so the shell
      // expands it (or not, for a quoted delimiter) exactly as it would in a script.
      script.append(command);
      for (Instruction.Heredoc heredoc : heredocs) {
        script.append('\n').append(heredoc.content());
        if (!heredoc.content().endsWith("\n")) {
          script.append('\n');
        }
        script.append(heredoc.name());
      }
    }
    List<String> argv = new ArrayList<>(state.shellOrDefault());
    argv.add(script.toString());
    return argv;
  }

  private void copy(Instruction.Copy copy) throws BuildException, IOException {
    String verb = copy.add() ? "ADD" : "COPY";
    if (!copy.excludes().isEmpty() || copy.parents()) {
      throw new BuildException(
          copy.line(),
          verb
              + " --exclude and --parents are not supported "
              + "yet; list the sources to copy instead");
    }
    Map<String, String> vars = state.variables();
    SourceTree tree = sourceTree(copy, vars);
    String destination = words.word(copy.destination(), vars);
    String target = CopyStep.destinationPath(destination, state.workingDir);
    Owner owner =
        copy.chown().isPresent()
            ? Users.resolve(state.root, words.word(copy.chown().get(), vars))
            : Owner.ROOT;
    Optional<Integer> chmod = copy.chmod().map(c -> parseMode(words.word(c, vars)));

    List<SourceTree.Match> matches = new ArrayList<>();
    Map<String, String> heredocs = new HashMap<>();
    boolean several = copy.sources().size() > 1;
    for (String raw : copy.sources()) {
      Optional<Instruction.Heredoc> heredoc = heredocFor(copy, raw);
      if (heredoc.isPresent()) {
        Instruction.Heredoc h = heredoc.get();
        heredocs.put(
            h.name(),
            h.expand()
                ? words.word("\"" + h.content().replace("\"", "\\\"") + "\"", vars)
                : h.content());
        continue;
      }
      String source = words.word(raw, vars);
      if (copy.add()
          && (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || source.startsWith("git@"))) {
        throw new BuildException(
            copy.line(),
            "ADD from a URL ("
                + source
                + ") is not supported "
                + "yet; download the file into the build context and COPY it");
      }
      try {
        List<SourceTree.Match> found = tree.match(source);
        several |= found.size() > 1 || SourceTree.hasPattern(source);
        matches.addAll(found);
      } catch (SourceException e) {
        throw new BuildException(copy.line(), verb + " " + e.getMessage());
      }
    }
    several |= heredocs.size() > 1;
    int sourceCount = matches.size() + heredocs.size();
    if (sourceCount > 1
        && !(destination.endsWith("/")
            || destination.equals(".")
            || destination.endsWith("/.")
            || Files.isDirectory(state.root.resolve(target, true)))) {
      throw new BuildException(
          copy.line(),
          verb
              + " of "
              + sourceCount
              + " sources needs a "
              + "directory as destination: end "
              + destination
              + " with a /");
    }
    boolean intoDir =
        several
            || destination.endsWith("/")
            || destination.endsWith("/.")
            || destination.equals(".")
            || Files.isDirectory(state.root.resolve(target, true));

    Digest key =
        key(
            verb + " " + copy.original(),
            List.of(
                target,
                owner.toString(),
                String.valueOf(chmod.orElse(-1)),
                String.valueOf(intoDir),
                contentKey(matches, heredocs),
                tree.description()));
    state.chain = key;
    Optional<StepCache.Entry> hit = ctx.steps().lookup(key);
    if (hit.isPresent()) {
      StageBuilder.reuseLayer(ctx, state, hit.get(), copy.original());
      state.pending.clear();
      return;
    }
    CopyStep step = new CopyStep(state.root, owner, chmod);
    try {
      for (SourceTree.Match match : matches) {
        if (copy.add()
            && !Files.isDirectory(match.location())
            && CopyStep.isArchive(match.location())) {
          step.extract(match.location(), target);
        } else if (Files.isDirectory(match.location())) {
          step.copyTree(tree, match.location(), target);
        } else {
          step.copy(match, target, intoDir);
        }
      }
      for (Map.Entry<String, String> h : heredocs.entrySet()) {
        Path file = ctx.workDir().resolve("heredoc-" + h.getKey());
        Files.writeString(file, h.getValue());
        step.copy(new SourceTree.Match(h.getKey(), file), target, intoDir || matches.size() > 0);
      }
    } catch (IOException e) {
      throw new BuildException(
          copy.line(), verb + " into " + target + " failed: " + e.getMessage(), e);
    }
    List<Change> changes = step.changes();
    changes.addAll(takePending());
    StageBuilder.addLayer(ctx, state, changes, copy.original(), key);
  }

  private SourceTree sourceTree(Instruction.Copy copy, Map<String, String> vars)
      throws BuildException {
    if (copy.from().isEmpty()) {
      return ctx.context();
    }
    String from = words.word(copy.from().get(), vars);
    StageState stage = ctx.finishedStages().get(from.toLowerCase());
    if (stage == null) {
      throw new BuildException(
          copy.line(),
          "COPY --from="
              + from
              + " names no earlier stage; "
              + "copying from an image is not supported yet, so name a stage of this Dockerfile");
    }
    return new SourceTree(
        stage.root.directory(), dev.strata.builder.context.DockerIgnore.parse(""), "stage " + from);
  }

  private static Optional<Instruction.Heredoc> heredocFor(Instruction.Copy copy, String raw) {
    if (!raw.startsWith("<<")) {
      return Optional.empty();
    }
    String name = raw.replaceFirst("^<<-?", "").replace("\"", "").replace("'", "");
    return copy.heredocs().stream().filter(h -> h.name().equals(name)).findFirst();
  }

  private static int parseMode(String text) {
    if (!text.matches("[0-7]{3,4}")) {
      throw new IllegalArgumentException(
          "--chmod=" + text + " is not an octal mode; write it like --chmod=755");
    }
    return Integer.parseInt(text, 8);
  }

  /** A digest of the sources' names, modes, link targets and contents. */
  private static String contentKey(List<SourceTree.Match> matches, Map<String, String> heredocs)
      throws IOException {
    var sha = Digest.sha256();
    for (SourceTree.Match match : matches) {
      sha.update(match.name().getBytes(StandardCharsets.UTF_8));
      try (var walk = Files.walk(match.location())) {
        for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
          FileState s = FileState.read(p);
          sha.update(
              (match.location().relativize(p) + "\0" + s.kind() + s.mode() + "\0" + s.linkTarget())
                  .getBytes(StandardCharsets.UTF_8));
          if (s.kind() == FileState.Kind.FILE) {
            sha.update(Digest.of(p).hex().getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    heredocs.forEach((k, v) -> sha.update((k + "\0" + v).getBytes(StandardCharsets.UTF_8)));
    return Digest.fromEngine(sha).toString();
  }

  /** The step-cache key: the stage so far, the step, and everything else it depends on. */
  private Digest key(String step, List<String> inputs) {
    StringBuilder text = new StringBuilder(state.chain.toString()).append('\n').append(step);
    for (String input : inputs) {
      text.append('\n').append(input);
    }
    for (Change change : state.pending) {
      text.append("\npending ").append(change.path());
    }
    return Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
