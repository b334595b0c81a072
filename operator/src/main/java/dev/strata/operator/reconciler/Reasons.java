package dev.strata.operator.reconciler;

/** Reasons used in the Succeeded condition, in {@code status.failure} and in Events. */
public final class Reasons {

  public static final String QUEUED = "Queued";
  public static final String POD_CREATED = "PodCreated";
  public static final String POD_PENDING = "PodPending";
  public static final String FETCHING_SOURCE = "FetchingSource";
  public static final String BUILDING = "Building";
  public static final String PUSHED = "Pushed";
  public static final String BUILD_FAILED = "BuildFailed";
  public static final String SOURCE_FAILED = "SourceFailed";
  public static final String INVALID_SOURCE = "InvalidSource";
  public static final String SOURCE_NOT_FOUND = "SourceNotFound";
  public static final String TIMEOUT = "Timeout";
  public static final String OUT_OF_MEMORY = "OutOfMemory";
  public static final String RESULT_MISSING = "ResultMissing";
  public static final String POD_FAILED = "PodFailed";
  public static final String POD_LOST = "BuildPodLost";
  public static final String DOCKERFILE_WARNINGS = "DockerfileWarnings";
  public static final String NO_WARNINGS = "NoWarnings";

  private Reasons() {}
}
