package dev.strata.operator.it;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The real kube-apiserver the {@code *IT} tests talk to. Either an existing one, from the
 * kubeconfig in {@code STRATA_TEST_KUBECONFIG}, or one started here from the binaries in {@code
 * STRATA_TEST_KUBE_APISERVER} and {@code STRATA_TEST_ETCD} (the e2e kit builds both), listening on
 * loopback only. With neither, the tests fail: a CI that forgot to provide a server is red.
 *
 * <p>A server started here has no controller-manager, scheduler or kubelet: pods are never run,
 * garbage collection does not happen, and the tests play the kubelet by writing pod status.
 */
final class TestApiServer {

  private static TestApiServer shared;

  private final KubernetesClient client;
  private final List<Process> processes = new ArrayList<>();
  private Path workDir;

  private TestApiServer(KubernetesClient client) {
    this.client = client;
  }

  private TestApiServer(Path workDir, List<Process> processes, KubernetesClient client) {
    this.workDir = workDir;
    this.processes.addAll(processes);
    this.client = client;
  }

  /** The server for this test JVM, started on first use and stopped when the JVM exits. */
  static synchronized TestApiServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  KubernetesClient client() {
    return client;
  }

  /** The last lines of the started server's log, for failure messages; empty for a kubeconfig. */
  String logTail() {
    if (workDir == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(workDir.resolve("kube-apiserver.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read kube-apiserver.log: " + e.getMessage() + ")";
    }
  }

  private static TestApiServer start() {
    String kubeconfig = System.getenv("STRATA_TEST_KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      try {
        Config config = Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)));
        return new TestApiServer(new KubernetesClientBuilder().withConfig(config).build());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read STRATA_TEST_KUBECONFIG " + kubeconfig, e);
      }
    }
    String apiserver = System.getenv("STRATA_TEST_KUBE_APISERVER");
    String etcd = System.getenv("STRATA_TEST_ETCD");
    if (apiserver == null || etcd == null || apiserver.isBlank() || etcd.isBlank()) {
      throw new IllegalStateException(
          "The *IT tests need a real kube-apiserver: set STRATA_TEST_KUBECONFIG to a kubeconfig,"
              + " or STRATA_TEST_KUBE_APISERVER and STRATA_TEST_ETCD to the binaries"
              + " (e2e/kube/build.sh builds both into e2e/.cluster/bin)");
    }
    try {
      return startProcesses(Path.of(apiserver), Path.of(etcd));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start kube-apiserver and etcd", e);
    }
  }

  private static TestApiServer startProcesses(Path apiserver, Path etcd) throws IOException {
    Path dir = Files.createTempDirectory("strata-it-apiserver");
    int etcdClient = freePort();
    int etcdPeer = freePort();
    int securePort = freePort();
    String token = UUID.randomUUID().toString();
    Files.writeString(dir.resolve("tokens.csv"), token + ",strata-it,strata-it,system:masters\n");
    writeServiceAccountKeys(dir);

    List<Process> started = new ArrayList<>();
    started.add(
        launch(
            dir,
            "etcd",
            List.of(
                etcd.toString(),
                "--name=strata-it",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=http://127.0.0.1:" + etcdClient,
                "--advertise-client-urls=http://127.0.0.1:" + etcdClient,
                "--listen-peer-urls=http://127.0.0.1:" + etcdPeer,
                "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeer,
                "--initial-cluster=strata-it=http://127.0.0.1:" + etcdPeer,
                "--log-level=warn")));
    started.add(
        launch(
            dir,
            "kube-apiserver",
            List.of(
                apiserver.toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdClient,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + securePort,
                "--cert-dir=" + dir.resolve("certs"),
                "--token-auth-file=" + dir.resolve("tokens.csv"),
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + dir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + dir.resolve("sa.key"),
                "--service-cluster-ip-range=10.0.0.0/24",
                "--profiling=false")));

    // The server's certificate is self-signed for this run; the token is the trust anchor.
    Config config =
        new ConfigBuilder()
            .withMasterUrl("https://127.0.0.1:" + securePort)
            .withOauthToken(token)
            .withTrustCerts(true)
            .withRequestTimeout(30_000)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    TestApiServer server = new TestApiServer(dir, started, client);
    server.awaitReady(Duration.ofSeconds(90));
    return server;
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a test server process exited with " + p.exitValue() + ":\n" + logTail());
        }
      }
      try {
        String ready = client.raw("/readyz");
        if ("ok".equals(ready)) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      pause(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "kube-apiserver was not ready within " + timeout + " (" + last + "):\n" + logTail());
  }

  private void stop() {
    client.close();
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    deleteWorkDir();
  }

  /** The etcd data and logs are tens of megabytes per run; nothing in them outlives the JVM. */
  private void deleteWorkDir() {
    if (workDir == null) {
      return;
    }
    try (var paths = Files.walk(workDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + workDir + ": " + e.getMessage());
    }
  }

  private static Process launch(Path dir, String name, List<String> command) throws IOException {
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static void writeServiceAccountKeys(Path dir) throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys", e);
    }
    Files.writeString(dir.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(dir.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
