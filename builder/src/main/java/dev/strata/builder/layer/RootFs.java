package dev.strata.builder.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A container filesystem unpacked into a directory by an unprivileged user.
 *
 * <p>Every file on disk belongs to the user running the build, so the owner each file has in the
 * image is kept here, beside the tree, keyed by its path relative to the root. A path with no
 * record belongs to root.
 */
public final class RootFs {
  private final Path directory;
  private final Map<String, Owner> owners = new HashMap<>();

  public RootFs(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  public Path directory() {
    return directory;
  }

  /** The owner in the image of {@code path} (relative, no leading slash). */
  public Owner owner(String path) {
    return owners.getOrDefault(path, Owner.ROOT);
  }

  public void setOwner(String path, Owner owner) {
    if (owner.equals(Owner.ROOT)) {
      owners.remove(path);
    } else {
      owners.put(path, owner);
    }
  }

  /** Forgets the owners of {@code path} and of everything below it. */
  public void forget(String path) {
    String prefix = path + "/";
    owners.keySet().removeIf(p -> p.equals(path) || p.startsWith(prefix));
  }

  /**
   * Resolves an image path (absolute or relative to /) to a location inside the root, following
   * symbolic links the way the container would see them, so that no link can lead outside. The last
   * element is not followed when {@code followLast} is false.
   */
  public Path resolve(String imagePath, boolean followLast) throws IOException {
    return ImagePaths.resolveInRoot(directory, imagePath, followLast);
  }

  /** The image path (relative, no leading slash) of a location inside the root. */
  public String relative(Path location) {
    return directory.relativize(location).toString();
  }

  public boolean exists(String imagePath) throws IOException {
    return Files.exists(resolve(imagePath, false), LinkOption.NOFOLLOW_LINKS);
  }

  public Optional<Path> existing(String imagePath) throws IOException {
    Path p = resolve(imagePath, true);
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
  }

  public Map<String, Owner> ownersView() {
    return Map.copyOf(owners);
  }
}
