package dev.strata.builder.registry;

import java.util.Set;
import java.util.TreeSet;

/**
 * The access an operation needs, in the token server's words: {@code repository:NAME:pull} or
 * {@code repository:NAME:pull,push}, one entry per repository.
 */
record Scope(Set<String> entries) {

  Scope {
    entries = Set.copyOf(new TreeSet<>(entries));
  }

  static Scope pull(String repository) {
    return new Scope(Set.of("repository:" + repository + ":pull"));
  }

  static Scope push(String repository) {
    return new Scope(Set.of("repository:" + repository + ":pull,push"));
  }

  Scope plus(Scope other) {
    Set<String> all = new TreeSet<>(entries);
    all.addAll(other.entries);
    return new Scope(all);
  }

  Scope plus(String entry) {
    Set<String> all = new TreeSet<>(entries);
    all.add(entry);
    return new Scope(all);
  }

  /** A stable cache key; the entries in sorted order. */
  String key() {
    return String.join(" ", new TreeSet<>(entries));
  }

  boolean isPush() {
    return entries.stream().anyMatch(e -> e.endsWith("push"));
  }
}
