package dev.strata.builder.build;

import dev.strata.builder.layer.Owner;
import dev.strata.builder.layer.RootFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Turns USER and --chown values into numeric owners using the image's passwd and group. */
final class Users {
  private Users() {}

  /**
   * Resolves {@code user[:group]}; names are looked up in the image's /etc/passwd and /etc/group,
   * numbers are taken as they are.
   *
   * @throws IllegalArgumentException naming the user or group that the image does not know
   */
  static Owner resolve(RootFs root, String spec) throws IOException {
    if (spec == null || spec.isEmpty()) {
      return Owner.ROOT;
    }
    String[] parts = spec.split(":", 2);
    Optional<String[]> passwd = lookup(root, "/etc/passwd", parts[0]);
    int uid = number(parts[0]).orElseGet(() -> passwd.map(f -> Integer.parseInt(f[2])).orElse(-1));
    if (uid < 0) {
      throw new IllegalArgumentException(
          "user '"
              + parts[0]
              + "' is not in the image's /etc/passwd; use a numeric id or "
              + "create the user first");
    }
    int gid;
    if (parts.length == 2) {
      gid =
          number(parts[1])
              .orElseGet(
                  () ->
                      lookup(root, "/etc/group", parts[1])
                          .map(f -> Integer.parseInt(f[2]))
                          .orElse(-1));
      if (gid < 0) {
        throw new IllegalArgumentException(
            "group '"
                + parts[1]
                + "' is not in the image's /etc/group; use a numeric id or "
                + "create the group first");
      }
    } else {
      gid = passwd.map(f -> Integer.parseInt(f[3])).orElse(uid);
    }
    return new Owner(uid, gid);
  }

  /** The home directory of {@code uid} in the image's /etc/passwd; / when it has none. */
  static String home(RootFs root, int uid) {
    return lookup(root, "/etc/passwd", String.valueOf(uid))
        .filter(f -> f.length >= 6 && !f[5].isEmpty())
        .map(f -> f[5])
        .orElse(uid == 0 ? "/root" : "/");
  }

  private static Optional<Integer> number(String text) {
    return text.matches("\\d+") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
  }

  private static Optional<String[]> lookup(RootFs root, String file, String key) {
    try {
      Path path = root.resolve(file, true);
      if (!Files.isRegularFile(path)) {
        return Optional.empty();
      }
      for (String line : Files.readAllLines(path)) {
        String[] fields = line.split(":", -1);
        if (fields.length >= 3 && (fields[0].equals(key) || fields[2].equals(key))) {
          return Optional.of(fields);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
