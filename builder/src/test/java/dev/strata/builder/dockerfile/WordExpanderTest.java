package dev.strata.builder.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordExpanderTest {
  private static final Map<String, String> VARS =
      Map.of("name", "world", "empty", "", "path", "/usr/local/bin", "spaced", "a b  c");
  private final WordExpander expander = new WordExpander('\\');

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "$name|world",
        "${name}|world",
        "pre${name}post|preworldpost",
        "$name.txt|world.txt",
        "$unset|''",
        "${unset:-fallback}|fallback",
        "${empty:-fallback}|fallback",
        "${empty-fallback}|''",
        "${unset-fallback}|fallback",
        "${name:-fallback}|world",
        "${name:+alt}|alt",
        "${empty:+alt}|''",
        "${empty+alt}|alt",
        "${unset:+alt}|''",
        "${unset:-$name}|world",
        "${path#*/}|usr/local/bin",
        "${path##*/}|bin",
        "${path%/*}|/usr/local",
        "${path%%/l*}|/usr",
        "${path/local/share}|/usr/share/bin",
        "${path//l/L}|/usr/LocaL/bin",
        "${path/l/L}|/usr/Local/bin",
        "\\$name|$name",
        "'$name'|$name",
        "\"$name\"|world",
        "\"a \\\"q\\\" \\$x \\n\"|a \"q\" $x \\n",
        "it\\'s|it's",
        "$|$",
        "a$|a$",
        "/tmp/test file|/tmp/test file",
      })
  void expandsOneWord(String raw, String expected) {
    assertEquals(expected.equals("''") ? "" : expected, expander.word(raw, VARS));
  }

  @Test
  void backtickEscapeLeavesBackslashesAlone() {
    WordExpander windows = new WordExpander('`');

    assertEquals("C:\\dir\\$x", windows.word("C:\\dir\\`$x", VARS));
  }

  @Test
  void splitsOnUnquotedWhitespaceIncludingExpandedValues() {
    assertEquals(
        List.of("80/tcp", "a b", "a", "b", "c", "x y"),
        expander.words("80/tcp \"a b\"  $spaced 'x y'", VARS));
  }

  @Test
  void quotedExpansionStaysOneWord() {
    assertEquals(List.of("a b  c"), expander.words("\"$spaced\"", VARS));
  }

  @Test
  void unterminatedBraceNamesTheLine() {
    DockerfileException e =
        assertThrows(DockerfileException.class, () -> expander.word("${name", VARS, 7));

    assertTrue(e.getMessage().startsWith("Dockerfile line 7: "), e.getMessage());
    assertTrue(e.getMessage().contains("no closing }"), e.getMessage());
  }

  @Test
  void unterminatedQuoteIsAnError() {
    DockerfileException e =
        assertThrows(DockerfileException.class, () -> expander.word("'abc", VARS, 3));

    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("single quote is not closed"), e.getMessage());
  }

  @Test
  void requiredVariableReportsItsMessage() {
    DockerfileException e =
        assertThrows(
            DockerfileException.class, () -> expander.word("${unset:?set VERSION}", VARS, 4));

    assertTrue(e.getMessage().contains("unset: set VERSION"), e.getMessage());
    assertEquals("world", expander.word("${name:?x}", VARS));
  }

  @Test
  void emptyNameIsABadSubstitution() {
    DockerfileException e =
        assertThrows(DockerfileException.class, () -> expander.word("${}", VARS, 2));

    assertTrue(e.getMessage().contains("variable name is missing"), e.getMessage());
  }
}
