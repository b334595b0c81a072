package dev.strata.builder.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses HEALTHCHECK durations such as {@code 30s}, {@code 1m30s} or {@code 500ms}. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  static long nanos(String text) {
    Matcher m = PART.matcher(text);
    long total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double value = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total += (long) (value * unit);
      end = m.end();
    }
    if (end != text.length() || text.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write it like 30s, 1m30s or 500ms");
    }
    return total;
  }
}
