package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.Stage;
import java.util.Set;

/**
 * Which steps run whatever the cache holds: every one ({@code --no-cache}), or those of the stages
 * {@code --no-cache-filter} names (by name, or by index as FROM can refer to a stage).
 */
public record NoCache(boolean all, Set<String> stages) {
    public static final NoCache NONE = new NoCache(false, Set.of());

    public NoCache {
        stages = Set.copyOf(stages);
    }

    boolean covers(Stage stage) {
        return all || stages.contains(Integer.toString(stage.index())) || stage.name().map(stages::contains).orElse(false);
    }
}
