package dev.strata.builder.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What to log in to a registry with: a user name and password, or an identity (refresh) token as
 * {@code docker login} stores for some registries. {@link #toString()} never shows a secret.
 */
public final class Credentials {
  private final String username;
  private final String password;
  private final String identityToken;

  private Credentials(String username, String password, String identityToken) {
    this.username = username;
    this.password = password;
    this.identityToken = identityToken;
  }

  public static Credentials basic(String username, String password) {
    return new Credentials(username, password, null);
  }

  /** An OAuth2 refresh token; {@code username} is only used in messages. */
  public static Credentials identityToken(String username, String token) {
    return new Credentials(username, null, token);
  }

  public String username() {
    return username;
  }

  public boolean hasPassword() {
    return password != null;
  }

  public boolean hasIdentityToken() {
    return identityToken != null;
  }

  String password() {
    return password;
  }

  String identityToken() {
    return identityToken;
  }

  /** The value of an {@code Authorization: Basic} header. */
  String basicHeader() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[user=" + username + (identityToken != null ? ", identity token" : "") + "]";
  }
}
