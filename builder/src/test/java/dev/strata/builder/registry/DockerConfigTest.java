package dev.strata.builder.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
  @TempDir Path tmp;

  private static String auth(String pair) {
    return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsBase64AuthAndFindsDockerHubUnderItsLegacyKey() {
    DockerConfig config =
        DockerConfig.parse(
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\""
                + auth("hubuser:hub:pass")
                + "\"}}}",
            "test");

    Credentials hub = config.forRegistry("docker.io").orElseThrow();
    assertEquals("hubuser", hub.username());
    assertEquals("hub:pass", hub.password());
    assertTrue(config.forRegistry("index.docker.io").isPresent());
    assertTrue(config.forRegistry("quay.io").isEmpty());
  }

  @Test
  void readsUsernameAndPasswordFieldsAndUrlKeys() {
    DockerConfig config =
        DockerConfig.parse(
            "{\"auths\":{\"https://registry.example.com:5000/v2/\":"
                + "{\"username\":\"u\",\"password\":\"p\"}}}",
            "test");

    Credentials creds = config.forRegistry("registry.example.com:5000").orElseThrow();
    assertEquals("u", creds.username());
    assertEquals("p", creds.password());
    assertTrue(config.forRegistry("registry.example.com").isEmpty());
  }

  @Test
  void readsIdentityToken() {
    DockerConfig config =
        DockerConfig.parse(
            "{\"auths\":{\"r.example.com\":{\"auth\":\""
                + auth("<token>:")
                + "\",\"identitytoken\":\"refresh-me\"}}}",
            "test");

    Credentials creds = config.forRegistry("r.example.com").orElseThrow();
    assertTrue(creds.hasIdentityToken());
    assertEquals("refresh-me", creds.identityToken());
    assertFalse(creds.toString().contains("refresh-me"));
  }

  @Test
  void entryWithoutSecretsIsAnonymous() {
    DockerConfig config =
        DockerConfig.parse("{\"auths\":{\"r.example.com\":{}},\"credsStore\":\"desktop\"}", "t");

    assertTrue(config.forRegistry("r.example.com").isEmpty());
  }

  @Test
  void malformedConfigNamesTheFile() {
    IllegalArgumentException notJson =
        assertThrows(IllegalArgumentException.class, () -> DockerConfig.parse("{", "/x.json"));
    IllegalArgumentException badAuth =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DockerConfig.parse(
                    "{\"auths\":{\"h\":{\"auth\":\"" + auth("nocolon") + "\"}}}", "/y"));

    assertTrue(notJson.getMessage().contains("/x.json"), notJson.getMessage());
    assertTrue(badAuth.getMessage().contains("/y"), badAuth.getMessage());
  }

  @Test
  void defaultLocationPrefersDockerConfigVariable() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("conf"));
    Files.writeString(
        dir.resolve("config.json"),
        "{\"auths\":{\"a.example\":{\"username\":\"env\",\"password\":\"p\"}}}");
    Path home = Files.createDirectories(tmp.resolve("home/.docker")).getParent();
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"auths\":{\"a.example\":{\"username\":\"home\",\"password\":\"p\"}}}");

    assertEquals(
        "env",
        DockerConfig.loadDefault(Map.of("DOCKER_CONFIG", dir.toString()), home)
            .forRegistry("a.example")
            .orElseThrow()
            .username());
    assertEquals(
        "home",
        DockerConfig.loadDefault(Map.of(), home).forRegistry("a.example").orElseThrow().username());
    assertTrue(
        DockerConfig.loadDefault(Map.of(), tmp.resolve("nohome"))
            .forRegistry("a.example")
            .isEmpty());
  }
}
