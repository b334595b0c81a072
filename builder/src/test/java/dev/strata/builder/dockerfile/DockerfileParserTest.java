package dev.strata.builder.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.builder.dockerfile.Instruction.ArgDeclaration;
import dev.strata.builder.dockerfile.Instruction.Command;
import dev.strata.builder.dockerfile.Instruction.Heredoc;
import dev.strata.builder.dockerfile.Instruction.KeyValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
  private final DockerfileParser parser = new DockerfileParser();

  private Instruction only(String body) {
    Dockerfile file = parser.parse("FROM alpine\n" + body);
    List<Instruction> instructions = file.stages().get(0).instructions();
    assertEquals(1, instructions.size(), "instructions: " + instructions);
    return instructions.get(0);
  }

  private DockerfileException error(String text) {
    return assertThrows(DockerfileException.class, () -> parser.parse(text));
  }

  private static void assertMessage(DockerfileException e, int line, String... parts) {
    assertTrue(e.getMessage().startsWith("Dockerfile line " + line + ": "), e.getMessage());
    assertEquals(line, e.line());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
    }
  }

  @Test
  void splitsStagesAtEachFrom() {
    Dockerfile file =
        parser.parse(
            "ARG BASE=alpine\nFROM --platform=linux/arm64 $BASE AS Build\nRUN make\n"
                + "from scratch\ncopy --from=build /out /\n");

    assertEquals(
        List.of(new ArgDeclaration("BASE", Optional.of("alpine"))),
        file.globalArgs().get(0).args());
    assertEquals(2, file.stages().size());
    Stage build = file.stages().get(0);
    assertEquals(0, build.index());
    assertEquals("$BASE", build.from().image());
    assertEquals(Optional.of("linux/arm64"), build.from().platform());
    assertEquals(Optional.of("build"), build.from().alias());
    assertEquals(1, file.stages().get(1).index());
    assertEquals(Optional.empty(), file.stages().get(1).from().alias());
    Instruction.Copy copy = (Instruction.Copy) file.stages().get(1).instructions().get(0);
    assertEquals(Optional.of("build"), copy.from());
    assertEquals(5, copy.line());
  }

  @Test
  void readsDirectivesOnlyAtTheTop() {
    Dockerfile file =
        parser.parse("# syntax=docker/dockerfile:1\n#ESCAPE = `\n# check=skip=all\nFROM a\n");

    assertEquals('`', file.escape());
    assertEquals(
        Map.of("syntax", "docker/dockerfile:1", "escape", "`", "check", "skip=all"),
        file.directives());
  }

  @Test
  void directiveAfterACommentIsAComment() {
    Dockerfile file = parser.parse("# hello\n# escape=`\nFROM a\nRUN a \\\n b\n");

    assertEquals('\\', file.escape());
    assertEquals(Map.of(), file.directives());
    assertEquals(
        new Command.Shell("a  b"), ((Instruction.Run) instructions(file).get(0)).command());
  }

  @Test
  void directiveAfterABlankLineIsAComment() {
    assertEquals('\\', parser.parse("\n# escape=`\nFROM a\n").escape());
  }

  @Test
  void backtickEscapeContinuesLines() {
    Dockerfile file = parser.parse("# escape=`\nFROM a\nRUN dir C:\\ `\n  /s\n");

    Instruction.Run run = (Instruction.Run) instructions(file).get(0);
    assertEquals(new Command.Shell("dir C:\\   /s"), run.command());
    assertEquals("RUN dir C:\\   /s", run.original());
  }

  @Test
  void continuationSkipsCommentAndBlankLines() {
    Instruction.Run run = (Instruction.Run) only("RUN a \\\n# note\n\n   \n  && b\n");

    assertEquals(new Command.Shell("a   && b"), run.command());
    assertEquals(2, run.line());
  }

  @Test
  void duplicateDirectiveIsAnError() {
    assertMessage(error("# escape=`\n# escape=\\\nFROM a\n"), 2, "escape", "twice");
  }

  @Test
  void badEscapeDirectiveIsAnError() {
    assertMessage(error("# escape=x\nFROM a\n"), 1, "can only be \\ or `");
  }

  @Test
  void keywordsAreCaseInsensitive() {
    assertInstanceOf(Instruction.Workdir.class, only("wOrKdIr /app\n"));
  }

  @Test
  void runKeepsFlagsAndReadsBothForms() {
    Instruction.Run shell =
        (Instruction.Run)
            only("RUN --mount=type=cache,target=/root/.cache --network=none echo hi\n");
    Instruction.Run exec = (Instruction.Run) only("RUN [\"echo\", \"$HOME\"]\n");

    assertEquals(
        List.of("--mount=type=cache,target=/root/.cache", "--network=none"), shell.flags());
    assertEquals(new Command.Shell("echo hi"), shell.command());
    assertEquals(new Command.Exec(List.of("echo", "$HOME")), exec.command());
  }

  @Test
  void unknownRunFlagIsAnError() {
    assertMessage(error("FROM a\nRUN --mnt=x echo\n"), 2, "RUN", "--mnt", "--mount");
  }

  @Test
  void cmdAndEntrypointReadJsonAndShellForms() {
    assertEquals(
        new Command.Exec(List.of("a", "b c")),
        ((Instruction.Cmd) only("CMD [ \"a\", \"b c\" ]\n")).command());
    assertEquals(new Command.Exec(List.of()), ((Instruction.Cmd) only("CMD []\n")).command());
    assertEquals(
        new Command.Shell("[ -f /x ] && run"),
        ((Instruction.Entrypoint) only("ENTRYPOINT [ -f /x ] && run\n")).command());
  }

  @Test
  void unterminatedJsonFormIsAnErrorNamingTheLine() {
    DockerfileException e = error("FROM a\n\nCMD [\"a\", \"b\"\n");

    assertEquals(
        "Dockerfile line 3: CMD: the JSON array [\"a\", \"b\" is not terminated; write a JSON"
            + " array of strings or use shell form",
        e.getMessage());
  }

  @Test
  void jsonWithNonStringsIsAnError() {
    assertMessage(error("FROM a\nCMD [\"echo\", [\"x\"]]\n"), 2, "CMD", "other than strings");
    assertMessage(error("FROM a\nRUN [\"sleep\", 1]\n"), 2, "RUN", "other than strings");
  }

  @Test
  void labelTakesSeveralQuotedPairsAndTheOldForm() {
    Instruction.Label label = (Instruction.Label) only("LABEL a=1 \"b c\"=\"x y\" d=\n");
    Instruction.Label old = (Instruction.Label) only("LABEL maintainer Jo Doe <jo@x.org>\n");

    assertEquals(
        List.of(new KeyValue("a", "1"), new KeyValue("\"b c\"", "\"x y\""), new KeyValue("d", "")),
        label.labels());
    assertEquals(List.of(new KeyValue("maintainer", "Jo Doe <jo@x.org>")), old.labels());
  }

  @Test
  void envReadsBothForms() {
    Instruction.Env old = (Instruction.Env) only("ENV PATH /a:$PATH\n");
    Instruction.Env pairs = (Instruction.Env) only("ENV k=v k2=\"v 2\" k3=a\\ b\n");

    assertEquals(List.of(new KeyValue("PATH", "/a:$PATH")), old.variables());
    assertEquals(
        List.of(new KeyValue("k", "v"), new KeyValue("k2", "\"v 2\""), new KeyValue("k3", "a\\ b")),
        pairs.variables());
  }

  @Test
  void envWithoutValueIsAnError() {
    assertMessage(error("FROM a\n\nENV PATH\n"), 3, "ENV PATH", "no value");
  }

  @Test
  void envMixingFormsIsAnError() {
    assertMessage(error("FROM a\nENV a=1 b\n"), 2, "\"b\"", "name=value");
  }

  @Test
  void exposeVolumeUserWorkdirStopsignalMaintainer() {
    assertEquals(
        List.of("80/tcp", "${PORT}"),
        ((Instruction.Expose) only("EXPOSE 80/tcp ${PORT}\n")).ports());
    assertEquals(
        List.of("/a", "/b c"), ((Instruction.Volume) only("VOLUME [\"/a\", \"/b c\"]\n")).paths());
    assertEquals(List.of("/a", "/b"), ((Instruction.Volume) only("VOLUME /a /b\n")).paths());
    assertEquals("app:app", ((Instruction.User) only("USER app:app\n")).user());
    assertEquals("/srv/my app", ((Instruction.Workdir) only("WORKDIR /srv/my app\n")).path());
    assertEquals("SIGTERM", ((Instruction.StopSignal) only("STOPSIGNAL SIGTERM\n")).signal());
    assertEquals("Jo <jo@x>", ((Instruction.Maintainer) only("MAINTAINER Jo <jo@x>\n")).name());
  }

  @Test
  void copyReadsEveryFlag() {
    Instruction.Copy copy =
        (Instruction.Copy)
            only(
                "COPY --chown=1:1 --chmod=0644 --from=build --link --exclude=*.md --exclude=x"
                    + " --parents a b /dst/\n");

    assertEquals(List.of("a", "b"), copy.sources());
    assertEquals("/dst/", copy.destination());
    assertEquals(Optional.of("1:1"), copy.chown());
    assertEquals(Optional.of("0644"), copy.chmod());
    assertEquals(Optional.of("build"), copy.from());
    assertTrue(copy.link());
    assertTrue(copy.parents());
    assertEquals(List.of("*.md", "x"), copy.excludes());
    assertFalse(copy.add());
  }

  @Test
  void addReadsChecksumAndJsonForm() {
    Instruction.Copy add =
        (Instruction.Copy)
            only("ADD --checksum=sha256:abc [\"https://x/a b.tgz\", \"/opt/a b\"]\n");

    assertTrue(add.add());
    assertEquals(List.of("https://x/a b.tgz"), add.sources());
    assertEquals("/opt/a b", add.destination());
    assertEquals(Optional.of("sha256:abc"), add.checksum());
    assertEquals("/opt/a b", new WordExpander('\\').word(add.destination(), Map.of()));
  }

  @Test
  void copyKeepsQuotedBlanksInOneWord() {
    Instruction.Copy copy = (Instruction.Copy) only("COPY \"my file\" /x\n");

    assertEquals(List.of("\"my file\""), copy.sources());
    assertEquals("my file", new WordExpander('\\').word(copy.sources().get(0), Map.of()));
  }

  @Test
  void copyErrors() {
    assertMessage(error("FROM a\nCOPY onlyone\n"), 2, "COPY", "source and a destination");
    assertMessage(error("FROM a\nCOPY --checksum=x a /b\n"), 2, "unknown flag --checksum");
    assertMessage(error("FROM a\nCOPY --from a /b\n"), 2, "--from needs a value");
    assertMessage(error("FROM a\nCOPY --link=maybe a /b\n"), 2, "true or false");
    assertMessage(error("FROM a\nCOPY --from=x --from=y a /b\n"), 2, "twice");
  }

  @Test
  void runHeredocKeepsBodyAndRespectsQuotedNameAndTabChomp() {
    Instruction.Run run =
        (Instruction.Run) only("RUN <<EOF 3<<-'END' && x\necho $HOME\nEOF\n\t\tone\n\tEND\n");

    assertEquals(new Command.Shell("<<EOF 3<<-'END' && x"), run.command());
    assertEquals(
        List.of(
            new Heredoc("EOF", "echo $HOME\n", true, false),
            new Heredoc("END", "one\n", false, true)),
        run.heredocs());
  }

  @Test
  void copyHeredocAndFollowingInstructions() {
    Dockerfile file = parser.parse("FROM a\nCOPY <<\"cfg\" /etc/app.conf\nk=v\ncfg\nRUN x\n");

    Instruction.Copy copy = (Instruction.Copy) instructions(file).get(0);
    assertEquals(List.of("<<\"cfg\""), copy.sources());
    assertEquals(List.of(new Heredoc("cfg", "k=v\n", false, false)), copy.heredocs());
    assertEquals(5, instructions(file).get(1).line());
  }

  @Test
  void unterminatedHeredocIsAnError() {
    assertMessage(error("FROM a\nRUN <<EOF\necho\n"), 2, "<<EOF", "not terminated", "only EOF");
  }

  @Test
  void argTakesSeveralNames() {
    Instruction.Arg arg = (Instruction.Arg) only("ARG a b=1 c=\"x y\" d=\n");

    assertEquals(
        List.of(
            new ArgDeclaration("a", Optional.empty()),
            new ArgDeclaration("b", Optional.of("1")),
            new ArgDeclaration("c", Optional.of("\"x y\"")),
            new ArgDeclaration("d", Optional.of(""))),
        arg.args());
  }

  @Test
  void onbuildStoresTheTrigger() {
    assertEquals(
        "RUN echo \"hi\"", ((Instruction.Onbuild) only("ONBUILD RUN echo \"hi\"\n")).trigger());
    assertMessage(error("FROM a\nONBUILD FROM b\n"), 2, "FROM cannot be an ONBUILD trigger");
    assertMessage(error("FROM a\nONBUILD BOGUS x\n"), 2, "unknown instruction BOGUS");
  }

  @Test
  void healthcheckReadsOptionsAndNone() {
    Instruction.Healthcheck check =
        (Instruction.Healthcheck)
            only(
                "HEALTHCHECK --interval=5s --timeout=1m30s --start-period=0s --start-interval=2s"
                    + " --retries=3 CMD curl -f http://localhost/\n");
    Instruction.Healthcheck none = (Instruction.Healthcheck) only("HEALTHCHECK NONE\n");

    assertEquals(Optional.of(new Command.Shell("curl -f http://localhost/")), check.command());
    assertEquals(Optional.of("5s"), check.interval());
    assertEquals(Optional.of("1m30s"), check.timeout());
    assertEquals(Optional.of("0s"), check.startPeriod());
    assertEquals(Optional.of("2s"), check.startInterval());
    assertEquals(Optional.of(3), check.retries());
    assertEquals(Optional.empty(), none.command());
  }

  @Test
  void healthcheckErrors() {
    assertMessage(error("FROM a\nHEALTHCHECK CONNECT x\n"), 2, "unknown type CONNECT");
    assertMessage(error("FROM a\nHEALTHCHECK --interval=soon CMD x\n"), 2, "not a duration");
    assertMessage(error("FROM a\nHEALTHCHECK --retries=-1 CMD x\n"), 2, "--retries=-1");
    assertMessage(error("FROM a\nHEALTHCHECK CMD\n"), 2, "needs a command");
  }

  @Test
  void shellNeedsJsonForm() {
    assertEquals(
        List.of("pwsh", "-c"), ((Instruction.Shell) only("SHELL [\"pwsh\", \"-c\"]\n")).argv());
    assertMessage(error("FROM a\nSHELL /bin/bash -c\n"), 2, "SHELL", "JSON array");
  }

  @Test
  void unknownInstructionNamesLineAndKeyword() {
    assertMessage(error("FROM a\nRUN ok\nCOPPY a b\n"), 3, "unknown instruction COPPY");
  }

  @Test
  void instructionBeforeFromIsAnError() {
    assertMessage(error("ARG x\nRUN echo\nFROM a\n"), 2, "RUN comes before the first FROM");
  }

  @Test
  void emptyAndCommentOnlyFilesHaveNoInstructions() {
    assertTrue(error("").getMessage().contains("the Dockerfile has no instructions"));
    assertTrue(error("# a\n\n# b\n").getMessage().contains("the Dockerfile has no instructions"));
  }

  @Test
  void fromErrors() {
    assertMessage(error("FROM --platfrom=x a\n"), 1, "unknown flag --platfrom", "--platform");
    assertMessage(error("FROM\n"), 1, "FROM", "needs an image");
    assertMessage(error("FROM a AS\n"), 1, "FROM <image> [AS <name>]");
    assertMessage(error("FROM a AS 1x\n"), 1, "stage name 1x is not valid");
    assertMessage(error("FROM a AS x\nFROM b AS X\n"), 2, "already used on line 1");
  }

  @Test
  void missingArgumentsAreErrors() {
    assertMessage(error("FROM a\nWORKDIR\n"), 2, "WORKDIR: needs an argument");
    assertMessage(error("FROM a\nEXPOSE\n"), 2, "EXPOSE: needs at least a port");
    assertMessage(error("FROM a\nRUN\n"), 2, "RUN: needs a command");
    assertMessage(error("FROM a\nLABEL\n"), 2, "LABEL: needs at least one name=value");
    assertMessage(error("FROM a\nARG\n"), 2, "ARG: needs at least one name");
  }

  @Test
  void flagsOnInstructionsWithoutFlagsAreErrors() {
    assertMessage(error("FROM a\nUSER --x=1 me\n"), 2, "USER: unknown flag --x", "takes no flags");
  }

  private static List<Instruction> instructions(Dockerfile file) {
    return file.stages().get(0).instructions();
  }
}
