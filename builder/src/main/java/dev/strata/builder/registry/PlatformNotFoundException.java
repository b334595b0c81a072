package dev.strata.builder.registry;

import dev.strata.builder.image.Descriptor.Platform;
import dev.strata.builder.image.Reference;
import java.util.List;
import java.util.stream.Collectors;

/** An image index offers no manifest for the wanted platform. */
public final class PlatformNotFoundException extends RegistryException {
  private final List<Platform> available;

  public PlatformNotFoundException(Reference reference, Platform wanted, List<Platform> available) {
    super(
        reference.registry(),
        "Image "
            + reference
            + " has no manifest for platform "
            + wanted
            + "; it offers "
            + (available.isEmpty()
                ? "no platforms at all"
                : available.stream().map(Platform::toString).collect(Collectors.joining(", ")))
            + ". Choose one of those platforms or another image.",
        null);
    this.available = List.copyOf(available);
  }

  public List<Platform> available() {
    return available;
  }
}
