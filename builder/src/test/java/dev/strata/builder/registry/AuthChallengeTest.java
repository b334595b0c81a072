package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void readsBearerChallengeWithCommaInQuotedScope() {
    List<AuthChallenge> challenges =
        AuthChallenge.parse(
            "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:team/app:pull,push\"");

    assertEquals(
        List.of(
            new AuthChallenge(
                "Bearer",
                Map.of(
                    "realm", "https://auth.example.com/token",
                    "service", "registry.example.com",
                    "scope", "repository:team/app:pull,push"))),
        challenges);
  }

  @Test
  void readsBasicChallengeAndUnquotedValues() {
    assertEquals(
        List.of(new AuthChallenge("Basic", Map.of("realm", "Registry Realm", "charset", "UTF-8"))),
        AuthChallenge.parse("Basic realm=\"Registry Realm\", charset=UTF-8"));
  }

  @Test
  void readsSeveralChallengesAndPrefersBearer() {
    String header = "Basic realm=\"r\", Bearer realm=\"https://a/t\", service=s";

    assertEquals(2, AuthChallenge.parse(header).size());
    AuthChallenge preferred = AuthChallenge.preferred(List.of(header)).orElseThrow();
    assertTrue(preferred.isBearer());
    assertEquals("s", preferred.param("service").orElseThrow());
  }

  @Test
  void unescapesQuotedPairsAndIgnoresCaseOfNames() {
    AuthChallenge challenge = AuthChallenge.parse("bearer REALM=\"a\\\"b\"").get(0);

    assertTrue(challenge.isBearer());
    assertEquals("a\"b", challenge.param("realm").orElseThrow());
  }

  @Test
  void toleratesEmptyAndMalformedHeaders() {
    assertEquals(List.of(), AuthChallenge.parse(""));
    assertEquals(List.of(), AuthChallenge.parse(null));
    assertTrue(AuthChallenge.preferred(List.of("Negotiate")).isEmpty());
    assertEquals(1, AuthChallenge.parse("Bearer realm=\"unterminated").size());
  }
}
