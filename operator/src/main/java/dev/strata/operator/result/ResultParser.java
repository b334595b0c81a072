package dev.strata.operator.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the builder's result JSON or error in text from a build container: its termination message
 * or its log.
 */
public final class ResultParser {

  /** Longest failure message kept; status is for reading, the pod log has the rest. */
  static final int MAX_MESSAGE_CHARS = 1024;

  private static final Pattern DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");
  private static final Pattern LINE_MENTION =
      Pattern.compile("(?i)\\b(?:Dockerfile:|line )(\\d{1,6})\\b");

  private final ObjectMapper mapper =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

  /**
   * Reads a complete result JSON object.
   *
   * @return empty when the text is not one JSON object with a valid digest, for example when it was
   *     cut short
   */
  public Optional<BuildResult> parseResult(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || !node.isObject() || !isDigest(node.path("digest").asText(null))) {
        return Optional.empty();
      }
      return Optional.of(mapper.treeToValue(node, BuildResult.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Finds the last result object in a container log where progress lines come before it. The object
   * may be on one line or spread over several; nothing may follow it but blank lines.
   */
  public Optional<BuildResult> lastResultIn(String log) {
    if (log == null) {
      return Optional.empty();
    }
    List<Integer> candidateStarts = objectStarts(log);
    for (int i = candidateStarts.size() - 1; i >= 0; i--) {
      Optional<BuildResult> result = parseResult(log.substring(candidateStarts.get(i)));
      if (result.isPresent()) {
        return result;
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the builder's failure report. Takes {@code {"error": ..., "line": N}} when the text is
   * that JSON; otherwise the last non-blank line of the text, with a line number when it mentions
   * one.
   */
  public BuilderError parseError(String text) {
    if (text == null || text.isBlank()) {
      return new BuilderError(null, null);
    }
    Optional<BuilderError> json = errorJson(text.strip());
    if (json.isPresent()) {
      return json.get();
    }
    String lastLine = lastNonBlankLine(text);
    Matcher m = LINE_MENTION.matcher(lastLine);
    Integer line = m.find() ? Integer.valueOf(m.group(1)) : null;
    return new BuilderError(shorten(lastLine), line);
  }

  private Optional<BuilderError> errorJson(String text) {
    if (!text.startsWith("{")) {
      return Optional.empty();
    }
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null || !node.hasNonNull("error")) {
        return Optional.empty();
      }
      Integer line = node.path("line").canConvertToInt() ? node.path("line").intValue() : null;
      if (line != null && line <= 0) {
        line = null;
      }
      return Optional.of(new BuilderError(shorten(node.get("error").asText()), line));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static List<Integer> objectStarts(String log) {
    List<Integer> starts = new ArrayList<>();
    int lineStart = 0;
    while (lineStart < log.length()) {
      if (log.charAt(lineStart) == '{') {
        starts.add(lineStart);
      }
      int next = log.indexOf('\n', lineStart);
      if (next < 0) {
        break;
      }
      lineStart = next + 1;
    }
    return starts;
  }

  private static String lastNonBlankLine(String text) {
    String[] lines = text.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return text.strip();
  }

  private static boolean isDigest(String value) {
    return value != null && DIGEST.matcher(value).matches();
  }

  static String shorten(String message) {
    if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
      return message;
    }
    return message.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
  }
}
