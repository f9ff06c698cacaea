package dev.jbuild.executor.imagebuild;

import dev.jbuild.store.Digest;
import java.io.IOException;
import java.util.List;

/**
 * A build cache in a registry (--cache-from / --cache-to), for CI runners that start empty: each
 * step's result is an image tagged with the step's key.
 */
public interface RemoteCache {
    /** Fetches the step's result into the local cache; false when the registry has none. */
    boolean fetch(Digest key) throws IOException;

    /** Exports the results of these steps (from the local cache) to the registry. */
    void export(List<Digest> keys) throws IOException;

    /** The tag a step's result is stored under. */
    static String tag(Digest key) {
        return "step-" + key.hex();
    }
}
