package dev.strata.builder.registry;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The access an operation needs, in the token server's words: {@code repository:NAME:pull} or
 * {@code repository:NAME:pull,push}. Actions on the same resource are merged, so a scope never asks
 * for {@code a:pull} beside {@code a:pull,push}.
 *
 * @param actions the actions wanted, by resource ({@code repository:NAME})
 */
record Scope(Map<String, Set<String>> actions) {

  Scope {
    Map<String, Set<String>> copy = new TreeMap<>();
    actions.forEach((resource, wanted) -> copy.put(resource, Set.copyOf(new TreeSet<>(wanted))));
    actions = Map.copyOf(copy);
  }

  static Scope pull(String repository) {
    return new Scope(Map.of("repository:" + repository, Set.of("pull")));
  }

  static Scope push(String repository) {
    return new Scope(Map.of("repository:" + repository, Set.of("pull", "push")));
  }

  Scope plus(Scope other) {
    Map<String, Set<String>> all = new TreeMap<>();
    actions.forEach((resource, wanted) -> all.put(resource, new TreeSet<>(wanted)));
    other.actions.forEach(
        (resource, wanted) -> all.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(wanted));
    return new Scope(all);
  }

  /** Adds one entry as a token server writes it, e.g. from a challenge's scope parameter. */
  Scope plus(String entry) {
    int colon = entry.lastIndexOf(':');
    if (colon <= 0) {
      return this;
    }
    Set<String> wanted = Set.copyOf(Arrays.asList(entry.substring(colon + 1).split(",")));
    return plus(new Scope(Map.of(entry.substring(0, colon), wanted)));
  }

  /** The entries for token requests, in a stable order. */
  Set<String> entries() {
    Set<String> entries = new TreeSet<>();
    actions.forEach(
        (resource, wanted) ->
            entries.add(resource + ":" + String.join(",", new TreeSet<>(wanted))));
    return entries;
  }

  /** A stable cache key. */
  String key() {
    return entries().stream().collect(Collectors.joining(" "));
  }

  boolean isPush() {
    return actions.values().stream().anyMatch(a -> a.contains("push"));
  }
}
