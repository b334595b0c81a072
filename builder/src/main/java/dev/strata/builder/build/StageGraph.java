package dev.strata.builder.build;

import dev.strata.builder.dockerfile.Dockerfile;
import dev.strata.builder.dockerfile.Instruction;
import dev.strata.builder.dockerfile.Stage;
import dev.strata.builder.dockerfile.WordExpander;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which stages a target needs: itself, the stages it starts FROM, and the stages it copies from
 * with {@code COPY --from}, followed through. Other stages are not built, as in other builders, so
 * a broken stage nobody uses does not fail the build.
 */
final class StageGraph {
  private StageGraph() {}

  static TreeSet<Integer> needed(
      Dockerfile dockerfile, int target, WordExpander words, Map<String, String> globals) {
    Map<String, Integer> byName = new HashMap<>();
    for (Stage stage : dockerfile.stages()) {
      stage.from().alias().ifPresent(a -> byName.put(a.toLowerCase(), stage.index()));
    }
    TreeSet<Integer> needed = new TreeSet<>();
    Deque<Integer> pending = new ArrayDeque<>();
    pending.push(target);
    while (!pending.isEmpty()) {
      int index = pending.pop();
      if (!needed.add(index)) {
        continue;
      }
      Stage stage = dockerfile.stages().get(index);
      stageNamed(words.word(stage.from().image(), globals), byName, index).ifPresent(pending::push);
      for (Instruction instruction : stage.instructions()) {
        if (instruction instanceof Instruction.Copy copy && copy.from().isPresent()) {
          stageNamed(words.word(copy.from().get(), globals), byName, index)
              .ifPresent(pending::push);
        }
      }
    }
    return needed;
  }

  /** The earlier stage a FROM or --from value names, by alias or by index. */
  private static Optional<Integer> stageNamed(
      String value, Map<String, Integer> byName, int before) {
    Integer index = byName.get(value.toLowerCase());
    if (index == null && value.matches("\\d+")) {
      index = Integer.parseInt(value);
    }
    return index != null && index < before ? Optional.of(index) : Optional.empty();
  }
}
