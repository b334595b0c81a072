package dev.strata.operator.api;

import java.time.Duration;
import java.util.regex.Matcher;

/** Durations written the Kubernetes way: {@code 45s}, {@code 30m}, {@code 1h30m}. */
public final class Durations {

  public static final String PATTERN = "^([0-9]{1,5}h)?([0-9]{1,5}m)?([0-9]{1,7}s)?$";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

  private Durations() {}

  /**
   * Parses a duration such as {@code 1h30m}.
   *
   * @throws IllegalArgumentException when the text is empty or not of that form
   */
  public static Duration parse(String text) {
    Matcher m = text == null ? null : COMPILED.matcher(text);
    if (m == null || text.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(
          "cannot read duration '" + text + "': write it like 45s, 30m or 1h30m");
    }
    Duration d = Duration.ZERO;
    d = d.plusHours(part(m.group(1)));
    d = d.plusMinutes(part(m.group(2)));
    return d.plusSeconds(part(m.group(3)));
  }

  private static long part(String group) {
    return group == null ? 0 : Long.parseLong(group.substring(0, group.length() - 1));
  }
}
