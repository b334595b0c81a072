package dev.strata.operator.api;

/** Where a build stands; {@link #Succeeded} and {@link #Failed} are final for a generation. */
public enum Phase {
  Pending,
  Building,
  Succeeded,
  Failed;

  public boolean isFinal() {
    return this == Succeeded || this == Failed;
  }
}
