package dev.strata.builder.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}; the only algorithm images use today. */
public record Digest(String hex) implements Comparable<Digest> {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Digest {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + hex);
    }
  }

  /** Parses {@code sha256:<hex>}. */
  @JsonCreator
  public static Digest parse(String text) {
    if (text == null || !text.startsWith("sha256:")) {
      throw new IllegalArgumentException("not a sha256 digest: " + text);
    }
    return new Digest(text.substring("sha256:".length()));
  }

  public static Digest of(byte[] bytes) {
    MessageDigest sha = sha256();
    return new Digest(HexFormat.of().formatHex(sha.digest(bytes)));
  }

  public static Digest of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }

  public static Digest of(InputStream in) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      sha.update(buffer, 0, n);
    }
    return new Digest(HexFormat.of().formatHex(sha.digest()));
  }

  /** A fresh SHA-256 engine, for callers that hash while they stream. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static Digest fromEngine(MessageDigest sha) {
    return new Digest(HexFormat.of().formatHex(sha.digest()));
  }

  @JsonValue
  @Override
  public String toString() {
    return "sha256:" + hex;
  }

  @Override
  public int compareTo(Digest other) {
    return hex.compareTo(other.hex);
  }
}
