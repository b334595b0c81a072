package dev.strata.builder.image;

import dev.strata.builder.image.Descriptor.Platform;
import java.util.Locale;
import java.util.Objects;

/** Chooses among the platforms of an image index. */
public final class Platforms {
  private Platforms() {}

  /**
   * The platform of the running machine in OCI's names: always {@code linux}, since container
   * images are Linux images even when the builder runs elsewhere, and the JVM's {@code os.arch}
   * mapped to Go's architecture names.
   */
  public static Platform current() {
    return new Platform(ociArchitecture(System.getProperty("os.arch", "")), "linux", null);
  }

  static String ociArchitecture(String javaArch) {
    String arch = javaArch.toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      case "arm", "arm32" -> "arm";
      default -> arch;
    };
  }

  /**
   * Whether an index entry's platform satisfies the wanted one. A wanted platform without a variant
   * accepts any variant; arm64 without a variant means {@code v8}.
   */
  public static boolean matches(Platform wanted, Platform candidate) {
    if (candidate == null
        || !Objects.equals(wanted.os(), candidate.os())
        || !Objects.equals(wanted.architecture(), candidate.architecture())) {
      return false;
    }
    if (wanted.variant() == null) {
      return true;
    }
    return Objects.equals(normalVariant(wanted), normalVariant(candidate));
  }

  private static String normalVariant(Platform platform) {
    if (platform.variant() == null && "arm64".equals(platform.architecture())) {
      return "v8";
    }
    return platform.variant();
  }
}
