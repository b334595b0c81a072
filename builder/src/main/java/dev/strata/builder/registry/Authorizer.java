package dev.strata.builder.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Answers registries' authentication challenges: Basic with the registry's credentials, Bearer by
 * getting a token from the challenge's realm (with the credentials, if any), cached per registry
 * and scope until shortly before it expires.
 *
 * <p>Once a registry has challenged, later requests to it are authorised up front, so a large
 * upload body is not sent only to be refused.
 */
final class Authorizer {
  private static final ObjectMapper JSON = new ObjectMapper();
  // The distribution spec's default when a token answer gives no expires_in.
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  private final CredentialsSource credentials;
  private final Exchanger exchanger;
  private final ConcurrentMap<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();

  private record Token(String value, Instant refreshAt) {}

  Authorizer(CredentialsSource credentials, Exchanger exchanger) {
    this.credentials = credentials;
    this.exchanger = exchanger;
  }

  /** The Authorization header for a request to a registry that has challenged before. */
  Optional<String> known(RegistryRequest request) {
    Token token = tokens.get(key(request));
    if (token != null && Instant.now().isBefore(token.refreshAt())) {
      return Optional.of("Bearer " + token.value());
    }
    AuthChallenge challenge = challenges.get(request.registry());
    if (challenge == null) {
      return Optional.empty();
    }
    return Optional.of(answer(request, challenge));
  }

  /** Answers the challenge of a 401 response. */
  String answer(RegistryRequest request, RegistryResponse unauthorized) {
    AuthChallenge challenge =
        AuthChallenge.preferred(unauthorized.headers().allValues("WWW-Authenticate"))
            .orElseThrow(
                () ->
                    new RegistryAuthException(
                        request.registry(),
                        401,
                        "Registry "
                            + request.registry()
                            + " refused to "
                            + request.action()
                            + " ("
                            + unauthorized.said()
                            + ") without saying how to authenticate (no Basic or Bearer"
                            + " challenge). Check that the address points at a registry."));
    challenges.put(request.registry(), challenge);
    return answer(request, challenge);
  }

  /** Drops what is cached for the request, after the registry refused it. */
  void forget(RegistryRequest request) {
    tokens.remove(key(request));
  }

  /** The error for a request refused with 401 or 403 even after answering the challenge. */
  RegistryAuthException refused(RegistryRequest request, RegistryResponse response) {
    Optional<Credentials> used = credentials.forRegistry(request.registry());
    String who =
        used.map(c -> "user '" + c.username() + "'").orElse("anonymous access (no credentials)");
    boolean lacksRight =
        response.status() == 403
            || AuthChallenge.preferred(response.headers().allValues("WWW-Authenticate"))
                .flatMap(c -> c.param("error"))
                .filter("insufficient_scope"::equals)
                .isPresent();
    String advice =
        used.isPresent()
            ? lacksRight
                ? "Check that this user may "
                    + (request.scope().isPush() ? "push to" : "pull from")
                    + " the repository."
                : "Check the user name and password stored for "
                    + request.registry()
                    + " (docker login "
                    + request.registry()
                    + ")."
            : "No credentials were found for "
                + request.registry()
                + "; log in (docker login "
                + request.registry()
                + ") or provide a Docker config with an entry for it.";
    return new RegistryAuthException(
        request.registry(),
        response.status(),
        "Registry "
            + request.registry()
            + " refused "
            + who
            + " trying to "
            + request.action()
            + " in repository "
            + request.repository()
            + ": "
            + response.said()
            + ". "
            + advice);
  }

  private String answer(RegistryRequest request, AuthChallenge challenge) {
    Optional<Credentials> creds = credentials.forRegistry(request.registry());
    if (challenge.isBasic()) {
      return creds
          .filter(Credentials::hasPassword)
          .map(Credentials::basicHeader)
          .orElseThrow(() -> noCredentials(request));
    }
    Token token = fetchToken(request, challenge, creds);
    tokens.put(key(request), token);
    return "Bearer " + token.value();
  }

  private RegistryAuthException noCredentials(RegistryRequest request) {
    return new RegistryAuthException(
        request.registry(),
        401,
        "Registry "
            + request.registry()
            + " requires a user name and password to "
            + request.action()
            + ", and none were found for it. Log in (docker login "
            + request.registry()
            + ") or provide a Docker config with an entry for "
            + request.registry()
            + ".");
  }

  private Token fetchToken(
      RegistryRequest request, AuthChallenge challenge, Optional<Credentials> creds) {
    URI realm = realm(request, challenge);
    List<String> query = new ArrayList<>();
    challenge.param("service").ifPresent(s -> query.add("service=" + Endpoints.encode(s)));
    Scope scope = request.scope();
    for (String extra : challenge.param("scope").orElse("").split(" ")) {
      if (!extra.isBlank()) {
        scope = scope.plus(extra);
      }
    }
    scope.entries().forEach(s -> query.add("scope=" + Endpoints.encode(s)));
    String action = "get an access token from " + realm + " for " + scope.key();

    RegistryRequest tokenRequest;
    String authorization = null;
    if (creds.isPresent() && creds.get().hasIdentityToken()) {
      // An identity token is an OAuth2 refresh token, traded by POST.
      query.add("grant_type=refresh_token");
      query.add("client_id=strata");
      query.add("refresh_token=" + Endpoints.encode(creds.get().identityToken()));
      String form = String.join("&", query);
      tokenRequest =
          RegistryRequest.of("POST", realm, request.registry(), request.repository(), scope, action)
              .withHeader("Content-Type", "application/x-www-form-urlencoded")
              .withBody(() -> BodyPublishers.ofString(form));
    } else {
      URI uri = query.isEmpty() ? realm : Endpoints.withQuery(realm, String.join("&", query));
      tokenRequest =
          RegistryRequest.of("GET", uri, request.registry(), request.repository(), scope, action);
      authorization =
          creds.filter(Credentials::hasPassword).map(Credentials::basicHeader).orElse(null);
    }

    RegistryResponse response = exchanger.send(tokenRequest, authorization, null);
    if (response.status() == 401 || response.status() == 403) {
      throw refused(tokenRequest, response);
    }
    if (!response.isSuccess()) {
      throw Failures.unexpected(tokenRequest, response);
    }
    return parseToken(tokenRequest, response);
  }

  private URI realm(RegistryRequest request, AuthChallenge challenge) {
    String text = challenge.param("realm").orElse("");
    URI realm;
    try {
      realm = URI.create(text);
    } catch (IllegalArgumentException e) {
      realm = null;
    }
    if (realm == null || realm.getHost() == null) {
      throw new RegistryAuthException(
          request.registry(),
          401,
          "Registry "
              + request.registry()
              + " asked for a token from realm '"
              + text
              + "', which is not a URL. The registry's auth setup is broken; tell its operator.");
    }
    String authority = realm.getAuthority();
    // Never send credentials in clear text, unless the user marked that host insecure.
    if ("http".equals(realm.getScheme()) && !exchanger.endpoints().isInsecure(authority)) {
      throw new RegistryAuthException(
          request.registry(),
          401,
          "Registry "
              + request.registry()
              + " sends clients for tokens to "
              + realm
              + " over plain HTTP. Strata will not send credentials there unless "
              + authority
              + " is marked insecure (--insecure-registry "
              + authority
              + ").");
    }
    return realm;
  }

  private Token parseToken(RegistryRequest tokenRequest, RegistryResponse response) {
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    String token = answer == null ? "" : answer.path("token").asText("");
    if (token.isEmpty() && answer != null) {
      token = answer.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw new RegistryAuthException(
          tokenRequest.registry(),
          0,
          "Could not "
              + tokenRequest.action()
              + ": the answer holds no token. The registry's token server is misconfigured;"
              + " tell its operator.");
    }
    long seconds = answer.path("expires_in").asLong(DEFAULT_TOKEN_LIFETIME.toSeconds());
    Duration lifetime = Duration.ofSeconds(Math.max(seconds, 1));
    // Refresh at 90% of the lifetime, so a token does not expire between check and use.
    return new Token(token, Instant.now().plus(lifetime.multipliedBy(9).dividedBy(10)));
  }

  private static String key(RegistryRequest request) {
    return request.registry() + " " + request.scope().key();
  }
}
