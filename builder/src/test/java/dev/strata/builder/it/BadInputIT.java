package dev.strata.builder.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.builder.registry.testing.LocalRegistry;
import dev.strata.builder.testing.BusyboxRegistryTest;
import dev.strata.builder.testing.Commands;
import dev.strata.builder.testing.StrataCli;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input a user can get wrong ends in one clear message naming what is at fault (and the Dockerfile
 * line), a non-zero exit, no stack trace, and nothing under the destination tag.
 */
class BadInputIT extends BusyboxRegistryTest {
  @RegisterExtension static final LocalRegistry LOCKED = LocalRegistry.withBasicAuth("ci", "right");

  private static Commands.Result buildDockerfile(String tag, String dockerfile, String... extra)
      throws Exception {
    Path context = workspace.dir("bad-" + tag);
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    Files.writeString(context.resolve("present.txt"), "here\n");
    return fixture.build(context, "bad/" + tag + ":1", cache, extra);
  }

  private static void assertClearFailure(Commands.Result result, String... expected)
      throws Exception {
    assertNotEquals(0, result.exit(), "the build must fail:\n" + result.stdout());
    assertTrue(result.stdout().isBlank(), "no result on stdout: " + result.stdout());
    for (String text : expected) {
      assertTrue(result.stderr().contains(text), "'" + text + "' not in:\n" + result.stderr());
    }
    assertFalse(result.stderr().contains("Exception"), result.stderr());
    assertFalse(result.stderr().contains("\tat "), result.stderr());
  }

  private static void assertNotPushed(String repositoryAndTag) throws Exception {
    Commands.Result inspect =
        Commands.run(
            Duration.ofMinutes(1),
            "skopeo",
            "inspect",
            "--tls-verify=false",
            "docker://" + fixture.reference(repositoryAndTag));
    assertNotEquals(0, inspect.exit(), repositoryAndTag + " must not exist: " + inspect.stdout());
  }

  @Test
  void unknownInstructionNamesItsLineAndKeyword() throws Exception {
    Commands.Result result = buildDockerfile("unknown", "FROM busybox\nRUN true\nFROOB x\n");
    assertClearFailure(result, "Dockerfile line 3", "FROOB");
    assertNotPushed("bad/unknown:1");
  }

  @Test
  void unterminatedJsonFormNamesItsLine() throws Exception {
    Commands.Result result = buildDockerfile("json", "FROM busybox\nCMD [\"sh\", \"-c\"\n");
    assertClearFailure(result, "Dockerfile line 2", "not terminated");
  }

  @Test
  void copyOfAMissingFileNamesTheFileAndTheLine() throws Exception {
    Commands.Result result =
        buildDockerfile("missing", "FROM busybox\nCOPY present.txt /\nCOPY absent.txt /x\n");
    assertClearFailure(result, "Dockerfile line 3", "absent.txt", "not found");
    assertNotPushed("bad/missing:1");
  }

  @Test
  void copyFromOutsideTheContextIsRefused() throws Exception {
    Commands.Result result = buildDockerfile("escape", "FROM busybox\nCOPY ../../etc/passwd /\n");
    assertClearFailure(result, "Dockerfile line 2", "outside the build context");
  }

  @Test
  void failingRunStopsTheBuildWithItsExitCodeAndLine() throws Exception {
    Commands.Result result =
        buildDockerfile("exit3", "FROM busybox\nRUN echo before\nRUN echo failing; exit 3\n");
    assertClearFailure(result, "Dockerfile line 3", "exit code 3", "failing");
    assertNotPushed("bad/exit3:1");
  }

  @Test
  void quoteLeftOpenInEnvNamesItsLine() throws Exception {
    Commands.Result result = buildDockerfile("quote", "FROM busybox\nENV A=\"unclosed\n");
    assertClearFailure(result, "Dockerfile line 2");
  }

  @Test
  void severalSourcesIntoAPathWithoutSlashAreRefused() throws Exception {
    Commands.Result result =
        buildDockerfile("twosources", "FROM busybox\nCOPY present.txt Dockerfile /notadir\n");
    assertClearFailure(result, "Dockerfile line 2", "end /notadir with a /");
  }

  @Test
  void invalidExposedPortNamesItsLine() throws Exception {
    Commands.Result result = buildDockerfile("port", "FROM busybox\nEXPOSE 99999999/tcp\n");
    assertClearFailure(result, "Dockerfile line 2", "99999999");
  }

  @Test
  void secondDestinationFailingLeavesTheFirstUntagged() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Commands.Result result =
        buildDockerfile(
            "twodest",
            "FROM busybox\nCOPY present.txt /\n",
            "--destination",
            "127.0.0.1:" + closedPort + "/x/y:1",
            "--insecure-registry",
            "127.0.0.1:" + closedPort);
    assertClearFailure(result, "127.0.0.1:" + closedPort);
    assertNotPushed("bad/twodest:1");
  }

  @Test
  void invalidDestinationFailsBeforeAnythingRuns() throws Exception {
    Commands.Result result =
        buildDockerfile(
            "baddest",
            "FROM busybox\nRUN echo ran-anyway\n",
            "--destination",
            "127.0.0.1:99999/x:v");
    assertClearFailure(result, "127.0.0.1:99999/x:v");
    assertFalse(result.stderr().contains("ran-anyway"), result.stderr());
  }

  @Test
  void unreadableDockerConfigIsNamedWithoutAStackTrace() throws Exception {
    Path config = workspace.dir("badconfig").resolve("config.json");
    Files.writeString(config, "{not json");
    Commands.Result result =
        buildDockerfile("badconfig", "FROM busybox\n", "--docker-config", config.toString());
    assertClearFailure(result, config.toString());
  }

  @Test
  void unwritableResultFileFailsBeforeTheBuild() throws Exception {
    Commands.Result result =
        buildDockerfile(
            "resultfile",
            "FROM busybox\nRUN echo ran\n",
            "--result-file",
            "/proc/no/such/dir/result.json");
    assertClearFailure(result, "--result-file");
    assertNotPushed("bad/resultfile:1");
  }

  @Test
  void unreachableRegistryIsNamedQuickly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path context = workspace.dir("unreachable");
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /\n");
    long start = System.nanoTime();
    Commands.Result result =
        StrataCli.build(
            List.of(
                "--context",
                context.toString(),
                "--destination",
                "127.0.0.1:" + closedPort + "/x/y:1",
                "--insecure-registry",
                "127.0.0.1:" + closedPort,
                "--cache-dir",
                cache.toString()));
    assertClearFailure(result, "127.0.0.1:" + closedPort);
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).toSeconds() < 120,
        "an unreachable registry must not hang the build");
  }

  @Test
  void wrongCredentialsNameTheRegistryAndTheUserButNotThePassword() throws Exception {
    Path config = workspace.dir("creds").resolve("config.json");
    String auth = java.util.Base64.getEncoder().encodeToString("ci:wrong".getBytes());
    Files.writeString(
        config, "{\"auths\":{\"" + LOCKED.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    Path context = workspace.dir("locked");
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /\n");
    Commands.Result result =
        StrataCli.build(
            List.of(
                "--context",
                context.toString(),
                "--destination",
                LOCKED.host() + "/x/y:1",
                "--insecure-registry",
                LOCKED.host(),
                "--cache-dir",
                cache.toString(),
                "--docker-config",
                config.toString()));
    assertClearFailure(result, LOCKED.host(), "ci");
    assertFalse(result.stderr().contains("wrong"), "the password must not be printed");
  }

  @Test
  void blobWhoseContentDoesNotMatchItsDigestIsRejected() throws Exception {
    Path context = workspace.dir("tampered-base");
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /d\n");
    var pushed = StrataCli.json(fixture.build(context, "tampered/base:1", fixture.newCache()));
    String layer = pushed.path("layers").get(0).path("digest").asText();
    Path data = REGISTRY.blobData(dev.strata.builder.image.Digest.parse(layer));
    Files.writeString(data, "tampered bytes, not the layer");

    Path child = workspace.dir("tampered-child");
    Files.writeString(
        child.resolve("Dockerfile"),
        "FROM " + fixture.reference("tampered/base:1") + "\nRUN true\n");
    Commands.Result result = fixture.build(child, "tampered/child:1", fixture.newCache());
    assertClearFailure(result, "Dockerfile line 1", layer);
    assertNotPushed("tampered/child:1");
  }
}
