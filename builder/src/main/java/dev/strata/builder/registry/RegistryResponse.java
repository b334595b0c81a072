package dev.strata.builder.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A registry's answer; the body is held only when it was not streamed to a sink. */
record RegistryResponse(int status, HttpHeaders headers, byte[] body, URI uri) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SAID = 300;

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  Optional<Duration> retryAfter() {
    return RetryPolicy.parseRetryAfter(header("Retry-After").orElse(null), ZonedDateTime.now());
  }

  /**
   * What the registry said, for messages: the status and the codes and messages of its error body
   * (distribution's {@code {"errors":[{"code","message"}]}}), or the start of a plain body.
   */
  String said() {
    String detail = errorDetail();
    return "HTTP " + status + (detail.isEmpty() ? "" : " (" + detail + ")");
  }

  private String errorDetail() {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        List<String> parts = new ArrayList<>();
        errors.forEach(e -> parts.add(e.path("code").asText() + ": " + e.path("message").asText()));
        return String.join("; ", parts);
      }
    } catch (IOException notJson) {
      // fall through to the plain text
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return text.length() > MAX_SAID ? text.substring(0, MAX_SAID) + "..." : text;
  }
}
