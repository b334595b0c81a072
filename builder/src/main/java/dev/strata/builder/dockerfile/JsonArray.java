package dev.strata.builder.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON (exec) form of an instruction argument. Text that is not a JSON array is shell form, so
 * most failures are not errors; only a well-formed array holding something other than strings is,
 * because no shell form could have been meant.
 */
sealed interface JsonArray {

  /** A JSON array whose elements are all strings. */
  record Strings(List<String> elements) implements JsonArray {}

  /** Well-formed JSON array with a non-string element, such as a nested array. */
  record NotStrings() implements JsonArray {}

  /**
   * Not a JSON array. {@code cutOff} tells that the text read as a JSON array of strings up to its
   * end and only the rest (a closing quote or bracket) was missing.
   */
  record NotJson(boolean cutOff) implements JsonArray {}

  ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static JsonArray of(String text) {
    String trimmed = Text.trimLeadingSpace(text);
    if (!trimmed.startsWith("[")) {
      return new NotJson(false);
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(trimmed);
    } catch (JsonEOFException e) {
      return new NotJson(true);
    } catch (JsonProcessingException e) {
      return new NotJson(false);
    }
    if (tree == null || !tree.isArray()) {
      return new NotJson(false);
    }
    List<String> elements = new ArrayList<>();
    for (JsonNode element : tree) {
      if (!element.isTextual()) {
        return new NotStrings();
      }
      elements.add(element.textValue());
    }
    return new Strings(List.copyOf(elements));
  }
}
