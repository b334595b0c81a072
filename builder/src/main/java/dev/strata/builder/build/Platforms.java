package dev.strata.builder.build;

/** The platform of the machine the build runs on, in the OCI spec's names. */
final class Platforms {
  private Platforms() {}

  static String architecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }
}
