package dev.strata.builder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.builder.testing.BusyboxRegistryTest;
import dev.strata.builder.testing.Commands;
import dev.strata.builder.testing.PulledImage;
import dev.strata.builder.testing.StrataCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** Dockerfile semantics a user of other builders relies on, checked on the pushed image. */
class DockerfileFeaturesIT extends BusyboxRegistryTest {

  private static Commands.Result build(String name, String dockerfile, String... extra)
      throws Exception {
    Path context = workspace.dir("ctx-" + name);
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    Files.writeString(context.resolve("app.txt"), "app\n");
    return fixture.build(context, "features/" + name + ":1", cache, extra);
  }

  @Test
  void multiStageCopiesFromAnEarlierStageAndShipsOnlyTheLast() throws Exception {
    StrataCli.json(
        build(
            "multistage",
            """
        FROM busybox AS compile
        RUN mkdir /out && echo built > /out/artifact && echo junk > /junk
        FROM busybox
        COPY --from=compile /out/artifact /artifact
        """));
    PulledImage image = fixture.pull("features/multistage:1");

    assertEquals("built\n", image.read("/artifact"));
    assertFalse(image.exists("/junk"));
    assertFalse(image.exists("/out"));
    assertEquals(3, image.layerDigests().size());
  }

  @Test
  void targetBuildsTheNamedStage() throws Exception {
    StrataCli.json(
        build(
            "target",
            """
        FROM busybox AS first
        RUN echo first > /which
        FROM busybox AS second
        RUN echo second > /which
        """,
            "--target",
            "first"));

    assertEquals("first\n", fixture.pull("features/target:1").read("/which"));
  }

  @Test
  void buildArgOverridesArgDefaultAndReachesRunButNotTheImageEnv() throws Exception {
    StrataCli.json(
        build(
            "args",
            """
        ARG BASE=busybox
        FROM $BASE
        ARG GREETING=hello
        ENV FROM_ENV=${GREETING:-none}-env
        RUN echo "$GREETING ${FROM_ENV}" > /greeting
        """,
            "--build-arg",
            "GREETING=bonjour"));
    PulledImage image = fixture.pull("features/args:1");

    assertEquals("bonjour bonjour-env\n", image.read("/greeting"));
    String env = image.config().path("config").path("Env").toString();
    assertTrue(env.contains("FROM_ENV=bonjour-env"), env);
    assertFalse(env.contains("GREETING="), env);
  }

  @Test
  void heredocsRunAsScriptsAndCopyAsFiles() throws Exception {
    StrataCli.json(
        build(
            "heredoc",
            """
        FROM busybox
        ARG WHO=world
        RUN <<EOF
        echo "hello $WHO" > /run-heredoc
        echo second line >> /run-heredoc
        EOF
        COPY <<EOT /etc/motd
        motd for ${WHO}
        EOT
        """));
    PulledImage image = fixture.pull("features/heredoc:1");

    assertEquals("hello world\nsecond line\n", image.read("/run-heredoc"));
    assertEquals("motd for world\n", image.read("/etc/motd"));
  }

  @Test
  void userAndChownGiveOwnersInTheLayerAndMetadataLandsInTheConfig() throws Exception {
    StrataCli.json(
        build(
            "owners",
            """
        FROM busybox
        RUN mkdir -p /etc && echo 'app:x:1000:1000::/home/app:/bin/sh' > /etc/passwd \\
            && echo 'app:x:1000:' > /etc/group && mkdir -m 1777 /scratch
        COPY --chown=app:app --chmod=640 app.txt /home/app/app.txt
        USER app
        RUN touch /scratch/made-by-app
        LABEL org.example.team="platform" version=2
        STOPSIGNAL SIGTERM
        HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/bin/true"]
        VOLUME /data
        SHELL ["/bin/sh", "-ec"]
        CMD echo shell-form
        """));
    PulledImage image = fixture.pull("features/owners:1");

    TarArchiveEntry copied = image.layerEntries(3).get("home/app/app.txt");
    assertEquals(1000, copied.getLongUserId());
    assertEquals(1000, copied.getLongGroupId());
    assertEquals(0640, copied.getMode() & 07777);
    TarArchiveEntry made = image.layerEntries(4).get("scratch/made-by-app");
    assertEquals(1000, made.getLongUserId());
    JsonNode config = image.config().path("config");
    assertEquals("app", config.path("User").asText());
    assertEquals("platform", config.path("Labels").path("org.example.team").asText());
    assertEquals("SIGTERM", config.path("StopSignal").asText());
    assertEquals("[\"CMD\",\"/bin/true\"]", config.path("Healthcheck").path("Test").toString());
    assertEquals(30_000_000_000L, config.path("Healthcheck").path("Interval").asLong());
    assertEquals(3, config.path("Healthcheck").path("Retries").asInt());
    assertTrue(config.path("Volumes").has("/data"));
    assertEquals("[\"/bin/sh\",\"-ec\",\"echo shell-form\"]", config.path("Cmd").toString());
  }

  @Test
  void onbuildTriggersOfTheBaseRunInTheChildAndAreNotInherited() throws Exception {
    StrataCli.json(
        build(
            "onbuild-base",
            """
        FROM busybox
        ONBUILD RUN echo triggered > /onbuild.txt
        """));
    StrataCli.json(
        build(
            "onbuild-child",
            "FROM " + fixture.reference("features/onbuild-base:1") + "\nCOPY app.txt /\n"));
    PulledImage base = fixture.pull("features/onbuild-base:1");
    PulledImage child = fixture.pull("features/onbuild-child:1");

    assertFalse(base.exists("/onbuild.txt"));
    assertEquals(
        "[\"RUN echo triggered > /onbuild.txt\"]",
        base.config().path("config").path("OnBuild").toString());
    assertEquals("triggered\n", child.read("/onbuild.txt"));
    assertTrue(child.config().path("config").path("OnBuild").isMissingNode());
  }

  @Test
  void stagesTheTargetDoesNotNeedAreNotBuilt() throws Exception {
    StrataCli.json(
        build(
            "unused-stage",
            """
        FROM busybox AS build
        RUN echo artifact > /artifact
        FROM busybox AS unused
        RUN echo never; exit 1
        FROM busybox
        COPY --from=build /artifact /artifact
        """));

    assertEquals("artifact\n", fixture.pull("features/unused-stage:1").read("/artifact"));
  }

  @Test
  void directoriesARunMakesDoNotInheritASetgidWorkFolder() throws Exception {
    Path setgid = workspace.dir("setgid-tmp");
    Files.setAttribute(setgid, "unix:mode", 02777);
    Path context = workspace.dir("ctx-setgid");
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUN mkdir /made\n");
    StrataCli.json(
        StrataCli.build(
            List.of(
                "--context",
                context.toString(),
                "--destination",
                fixture.reference("features/setgid:1"),
                "--insecure-registry",
                fixture.registry(),
                "--registry-mirror",
                fixture.registry(),
                "--cache-dir",
                cache.toString()),
            List.of("STRATA_JAVA_OPTS=-Djava.io.tmpdir=" + setgid)));

    TarArchiveEntry made = fixture.pull("features/setgid:1").layerEntries(2).get("made/");
    assertEquals(0755, made.getMode() & 07777);
  }

  @Test
  void escapeDirectiveAndContinuationsAreHonoured() throws Exception {
    StrataCli.json(
        build(
            "escape",
            """
        # escape=`
        FROM busybox
        RUN echo one `
            two > /joined
        """));

    assertEquals("one two\n", fixture.pull("features/escape:1").read("/joined"));
  }
}
