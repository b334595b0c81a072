package dev.strata.operator.buildpod;

import io.fabric8.kubernetes.api.model.KeyToPath;
import java.util.List;

/** How the build context reaches the pod's context directory. */
public sealed interface BuildContext {

  /**
   * Files projected from a ConfigMap (the operator's copy of an inline context, or the user's),
   * then copied into the writable context directory with their modes.
   *
   * @param configMapName the ConfigMap to mount
   * @param items key to relative path and mode, for every file
   */
  record FromConfigMap(String configMapName, List<KeyToPath> items) implements BuildContext {
    public FromConfigMap {
      items = List.copyOf(items);
    }
  }

  /**
   * A repository cloned by an init container.
   *
   * @param url repository URL
   * @param revision branch, tag or commit
   * @param contextDir directory inside the repository, or empty for its root
   */
  record FromGit(String url, String revision, String contextDir) implements BuildContext {}
}
