package dev.strata.operator.buildpod;

import dev.strata.operator.api.ConfigMapItem;
import dev.strata.operator.api.ImageBuild;
import dev.strata.operator.api.InlineFile;
import dev.strata.operator.api.Modes;
import dev.strata.operator.api.Paths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a source given as inline files or as a user's ConfigMap into a {@link
 * BuildContext.FromConfigMap}: which ConfigMap the pod mounts and where each key lands.
 *
 * <p>ConfigMap keys cannot hold a {@code /}, so inline files are stored under generated keys
 * ({@code file-0}, {@code file-1}, ...) and placed at their paths by the volume's items.
 */
public final class SourceConfigMapFactory {

  private SourceConfigMapFactory() {}

  /** The ConfigMap, owned by the ImageBuild, that carries the inline files of this generation. */
  public static ConfigMap inlineConfigMap(ImageBuild build) {
    Map<String, String> data = new LinkedHashMap<>();
    List<InlineFile> files = build.getSpec().source().inline();
    for (int i = 0; i < files.size(); i++) {
      data.put(key(i), files.get(i).content());
    }
    return new ConfigMapBuilder()
        .withMetadata(BuildPodFactory.metadata(build, BuildPodNames.sourceConfigMapName(build)))
        .withImmutable(true)
        .withData(data)
        .build();
  }

  /**
   * The context made of the inline files.
   *
   * @throws InvalidSourceException when a path is unsafe or given twice
   */
  public static BuildContext.FromConfigMap inlineContext(ImageBuild build) {
    List<InlineFile> files = build.getSpec().source().inline();
    List<KeyToPath> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      InlineFile file = files.get(i);
      checkPath(file.path(), seen);
      items.add(item(key(i), file.path(), file.mode()));
    }
    return new BuildContext.FromConfigMap(BuildPodNames.sourceConfigMapName(build), items);
  }

  /**
   * The context made of a user's ConfigMap.
   *
   * @param configMap the ConfigMap as read from the API server
   * @param wanted the key mapping from the spec; every key at its own name when empty
   * @throws InvalidSourceException when a wanted key is missing or a path is unsafe or repeated
   */
  public static BuildContext.FromConfigMap userContext(
      ConfigMap configMap, List<ConfigMapItem> wanted) {
    Set<String> keys = new TreeSet<>();
    if (configMap.getData() != null) {
      keys.addAll(configMap.getData().keySet());
    }
    if (configMap.getBinaryData() != null) {
      keys.addAll(configMap.getBinaryData().keySet());
    }
    String name = configMap.getMetadata().getName();
    List<KeyToPath> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (wanted == null || wanted.isEmpty()) {
      for (String key : keys) {
        checkPath(key, seen);
        items.add(item(key, key, null));
      }
    } else {
      for (ConfigMapItem want : wanted) {
        if (!keys.contains(want.key())) {
          throw new InvalidSourceException(
              "ConfigMap " + name + " has no key '" + want.key() + "'; its keys are " + keys);
        }
        checkPath(want.path(), seen);
        items.add(item(want.key(), want.path(), want.mode()));
      }
    }
    if (items.isEmpty()) {
      throw new InvalidSourceException("ConfigMap " + name + " has no data to use as a context");
    }
    return new BuildContext.FromConfigMap(name, items);
  }

  private static void checkPath(String path, Set<String> seen) {
    if (!Paths.isSafeRelative(path)) {
      throw new InvalidSourceException(
          "context path '" + path + "' must be relative and stay inside the context");
    }
    if (!seen.add(path)) {
      throw new InvalidSourceException("context path '" + path + "' is given more than once");
    }
    // A file cannot also be a directory: the kubelet would fail to mount the source for good.
    for (String other : seen) {
      if (other.startsWith(path + "/") || path.startsWith(other + "/")) {
        String file = other.startsWith(path + "/") ? path : other;
        throw new InvalidSourceException(
            "context path '"
                + file
                + "' is a file, but '"
                + (file.equals(path) ? other : path)
                + "' needs it to be a directory");
      }
    }
  }

  private static KeyToPath item(String key, String path, String mode) {
    return new KeyToPathBuilder().withKey(key).withPath(path).withMode(Modes.parse(mode)).build();
  }

  private static String key(int index) {
    return "file-" + index;
  }
}
