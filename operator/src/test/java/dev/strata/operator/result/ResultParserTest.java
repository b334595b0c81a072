package dev.strata.operator.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.operator.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultParserTest {

  private final ResultParser parser = new ResultParser();

  @Test
  void readsAResultWithThreeHundredLayersInOrder() {
    BuildResult result = parser.parseResult(Fixtures.resultJson(300, 3)).orElseThrow();

    assertEquals(Fixtures.digest(999), result.digest());
    assertEquals("registry.local:5000/demo/app@" + Fixtures.digest(999), result.image());
    assertEquals(300, result.layers().size());
    for (int i = 0; i < 300; i++) {
      assertEquals(Fixtures.digest(i), result.layers().get(i).digest(), "layer " + i);
      assertEquals(1000L + i, result.layers().get(i).size(), "layer " + i);
    }
    assertEquals(3, result.cachedLayerCount());
    assertEquals("registry.local:5000/library/busybox:latest", result.baseImage().reference());
  }

  @Test
  void aResultCutAtFourKibibytesIsNotMistakenForAComplete() {
    String cut = Fixtures.resultJson(300, 0).substring(0, 4096);

    assertEquals(Optional.empty(), parser.parseResult(cut));
  }

  @Test
  void textAfterTheObjectMeansItIsNotAResult() {
    assertEquals(Optional.empty(), parser.parseResult(Fixtures.resultJson(1, 0) + " trailing"));
  }

  @Test
  void resultWithoutAValidDigestIsRejected() {
    assertEquals(Optional.empty(), parser.parseResult("{\"digest\":\"sha256:abc\",\"layers\":[]}"));
  }

  @Test
  void findsTheResultAfterProgressLinesInALog() {
    String log =
        "Step 1/4 : FROM registry.local:5000/library/busybox:latest\n"
            + "{\"progress\": \"pulling\"}\n"
            + "Step 3/4 : RUN cat /hello.txt\n"
            + "welcome to sanchuang!\n"
            + Fixtures.resultJson(300, 1)
            + "\n";

    BuildResult result = parser.lastResultIn(log).orElseThrow();

    assertEquals(300, result.layers().size());
  }

  @Test
  void findsAPrettyPrintedResultInALog() {
    String pretty =
        "{\n  \"image\": \"r.local:5000/a@"
            + Fixtures.digest(1)
            + "\",\n  \"digest\": \""
            + Fixtures.digest(1)
            + "\",\n  \"layers\": [\n    {\"digest\": \""
            + Fixtures.digest(2)
            + "\", \"size\": 5}\n  ]\n}\n";

    BuildResult result = parser.lastResultIn("pushing\n" + pretty).orElseThrow();

    assertEquals(1, result.layers().size());
  }

  @Test
  void logWithoutAResultGivesNothing() {
    assertFalse(parser.lastResultIn("Step 1/2 : FROM busybox\nerror: boom\n").isPresent());
  }

  @Test
  void readsTheErrorJsonOfTheResultFile() {
    BuilderError error =
        parser.parseError("{\"error\": \"RUN cat /nope: exit status 1\", \"line\": 3}");

    assertEquals("RUN cat /nope: exit status 1", error.message());
    assertEquals(3, error.line());
  }

  @Test
  void takesTheLastLineOfALogTailAndTheLineItNames() {
    BuilderError error =
        parser.parseError(
            "Step 2/4 : COPY missing.txt /\n"
                + "error: Dockerfile line 2: COPY missing.txt: no such file in the context\n");

    assertEquals(
        "error: Dockerfile line 2: COPY missing.txt: no such file in the context", error.message());
    assertEquals(2, error.line());
  }

  @Test
  void messageWithoutALineHasNoLine() {
    BuilderError error = parser.parseError("cannot reach registry.local:5000: connection refused");

    assertNull(error.line());
  }

  @Test
  void veryLongMessagesAreShortened() {
    BuilderError error = parser.parseError("x".repeat(5000));

    assertEquals(ResultParser.MAX_MESSAGE_CHARS, error.message().length());
    assertTrue(error.message().endsWith("…"));
  }
}
