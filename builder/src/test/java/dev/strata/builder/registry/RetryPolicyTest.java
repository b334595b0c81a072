package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.builder.image.Descriptor;
import dev.strata.builder.image.Digest;
import dev.strata.builder.image.MediaTypes;
import dev.strata.builder.image.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryPolicyTest {
  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\""
          + MediaTypes.OCI_MANIFEST
          + "\","
          + "\"config\":{\"mediaType\":\""
          + MediaTypes.OCI_CONFIG
          + "\",\"digest\":\""
          + Digest.of(new byte[0])
          + "\",\"size\":0},\"layers\":[]}";

  private final List<RegistryEvent> events = new CopyOnWriteArrayList<>();

  private RegistryClient client(TestServer server, RetryPolicy policy, Duration readTimeout) {
    return new RegistryClient(
        CredentialsSource.anonymous(),
        Set.of(server.host()),
        policy,
        events::add,
        ClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), readTimeout));
  }

  private static RetryPolicy quick(int attempts) {
    return new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(200), 0.5);
  }

  @Test
  void retriesUnavailableTwiceThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server = new TestServer()) {
      server.on(
          "/v2/",
          exchange -> {
            if (calls.incrementAndGet() <= 2) {
              TestServer.respond(exchange, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}");
            } else {
              TestServer.respond(exchange, 200, MediaTypes.OCI_MANIFEST, MANIFEST.getBytes());
            }
          });

      ResolvedManifest manifest =
          client(server, quick(5), Duration.ofSeconds(5))
              .pullManifest(Reference.parse(server.host() + "/a/b:1"));

      assertEquals(Digest.of(MANIFEST.getBytes(StandardCharsets.UTF_8)), manifest.digest());
      assertEquals(3, calls.get());
      assertEquals(
          2, events.stream().filter(RegistryEvent.RetryScheduled.class::isInstance).count());
    }
  }

  @Test
  void retriesAConnectionClosedWithoutAnswer(@TempDir Path tmp) throws Exception {
    AtomicInteger posts = new AtomicInteger();
    try (TestServer server = new TestServer()) {
      server.on(
          "/v2/",
          exchange -> {
            // The first POST is closed without a status line, as a reset would leave it. (The
            // JDK itself quietly retries GET and HEAD once in that case, so a POST is used.)
            if (exchange.getRequestMethod().equals("PUT")) {
              TestServer.respond(exchange, 201, "{}");
            } else if (posts.incrementAndGet() > 1) {
              exchange.getResponseHeaders().set("Location", "/v2/a/b/blobs/uploads/session");
              TestServer.respond(exchange, 202, "{}");
            }
          });
      byte[] content = {1, 2, 3};
      Files.write(tmp.resolve("blob"), content);

      client(server, quick(3), Duration.ofSeconds(5))
          .uploadBlob(
              Reference.parse(server.host() + "/a/b:1"),
              new Descriptor(MediaTypes.OCI_LAYER, Digest.of(content), content.length),
              tmp.resolve("blob"));

      assertEquals(2, posts.get());
      RegistryEvent.RetryScheduled retry =
          (RegistryEvent.RetryScheduled)
              events.stream()
                  .filter(RegistryEvent.RetryScheduled.class::isInstance)
                  .findFirst()
                  .orElseThrow();
      assertTrue(retry.reason().contains("Lost the connection"), retry.reason());
    }
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheRegistrysAnswer() throws Exception {
    try (TestServer server = new TestServer()) {
      server.on("/v2/", exchange -> TestServer.respond(exchange, 502, "bad gateway"));

      RegistryResponseException e =
          assertThrows(
              RegistryResponseException.class,
              () ->
                  client(server, quick(3), Duration.ofSeconds(5))
                      .pullManifest(Reference.parse(server.host() + "/a/b:1")));

      assertEquals(3, server.count("GET"));
      assertEquals(502, e.status());
      assertTrue(e.isTransient());
      assertTrue(e.getMessage().contains("HTTP 502 (bad gateway)"), e.getMessage());
    }
  }

  @Test
  void neverRetriesClientErrors() throws Exception {
    try (TestServer server = new TestServer()) {
      server.on("/v2/", exchange -> TestServer.respond(exchange, 400, "{}"));

      assertThrows(
          RegistryResponseException.class,
          () ->
              client(server, quick(5), Duration.ofSeconds(5))
                  .blobExists(Reference.parse(server.host() + "/a/b:1"), Digest.of(new byte[0])));

      assertEquals(1, server.count("HEAD"));
    }
  }

  @Test
  void honoursShortRetryAfterAndRefusesLongOnes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server = new TestServer()) {
      server.on(
          "/v2/short/",
          exchange -> {
            if (calls.incrementAndGet() == 1) {
              exchange.getResponseHeaders().set("Retry-After", "0");
              TestServer.respond(exchange, 429, "{}");
            } else {
              TestServer.respond(exchange, 200, MediaTypes.OCI_MANIFEST, MANIFEST.getBytes());
            }
          });
      server.on(
          "/v2/long/",
          exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "3600");
            TestServer.respond(exchange, 429, "{}");
          });
      RegistryClient client = client(server, quick(5), Duration.ofSeconds(5));

      client.pullManifest(Reference.parse(server.host() + "/short/b:1"));
      RegistryResponseException e =
          assertThrows(
              RegistryResponseException.class,
              () -> client.pullManifest(Reference.parse(server.host() + "/long/b:1")));

      assertEquals(2, calls.get());
      assertEquals(1, server.count("GET /v2/long/"));
      assertTrue(e.getMessage().contains("limiting requests"), e.getMessage());
    }
  }

  @Test
  void stalledDownloadTimesOutInsteadOfHanging() throws Exception {
    try (TestServer server = new TestServer()) {
      server.on(
          "/v2/",
          exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            try {
              Thread.sleep(5000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      RegistryClient client = client(server, RetryPolicy.none(), Duration.ofMillis(300));
      long start = System.nanoTime();

      RegistryTimeoutException e =
          assertThrows(
              RegistryTimeoutException.class,
              () ->
                  client.pullBlob(
                      Reference.parse(server.host() + "/a/b:1"),
                      new Descriptor(MediaTypes.OCI_LAYER, Digest.of(new byte[1000]), 1000)));

      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
      assertTrue(e.getMessage().contains(server.host()), e.getMessage());
    }
  }

  @Test
  void backoffDoublesWithinJitterAndStopsAtMaxAttempts() {
    RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 0.2);

    long first = policy.delayAfter(1, Optional.empty()).orElseThrow().toMillis();
    long second = policy.delayAfter(2, Optional.empty()).orElseThrow().toMillis();
    long third = policy.delayAfter(3, Optional.empty()).orElseThrow().toMillis();

    assertTrue(first >= 80 && first <= 100, "first " + first);
    assertTrue(second >= 160 && second <= 200, "second " + second);
    assertTrue(third >= 200 && third <= 250, "capped " + third);
    assertTrue(policy.delayAfter(4, Optional.empty()).isEmpty());
    assertFalse(policy.retriesStatus(404));
    assertTrue(policy.retriesStatus(429));
    assertTrue(policy.retriesStatus(500));
  }

  @Test
  void readsRetryAfterSecondsAndDates() {
    ZonedDateTime now = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryPolicy.parseRetryAfter(" 7 ", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
  }
}
