package dev.jbuild.executor.imagebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jbuild.store.Store;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's key: every part counts; a miss is explained by name, the files past the named ones as one. */
class StepKeyTest {
    @TempDir
    Path tmp;

    private static StepKey key(int files, int changed) {
        StepKey key = new StepKey().add("parent", "sha256:p").add("instruction", "COPY . /app");
        for (int i = 0; i < files; i++) {
            key.add("file:f" + i, "100644 sha256:" + (i == changed ? "new" : "old"));
        }
        return key;
    }

    @Test
    void everyFileCountsAndOnlyTheNamedOnesAreKeptOneByOne() {
        int files = StepKey.NAMED_FILES + 10;
        StepKey key = key(files, -1);
        assertEquals(key.digest(), key.digest(), "asking twice gives the same");
        assertEquals(key.digest(), key(files, -1).digest());
        assertNotEquals(key.digest(), key(files, 3).digest());
        assertNotEquals(key.digest(), key(files, files - 1).digest(), "a file past the named ones counts");
        List<StepKey.Part> parts = key.parts();
        assertEquals(2 + StepKey.NAMED_FILES + 1, parts.size());
        assertEquals(StepKey.FILES_AFTER + "f" + (StepKey.NAMED_FILES - 1), parts.get(parts.size() - 1).name());
        assertEquals(2 + 5, key(5, -1).parts().size(), "a small context is named whole");
    }

    @Test
    void aMissIsExplainedByTheFileOrByTheFilesPastTheNamedOnes() throws Exception {
        CacheExplainer explainer = new CacheExplainer(Store.open(tmp.resolve("store")));
        int files = StepKey.NAMED_FILES + 10;
        explainer.remember("slot", key(files, -1));
        assertEquals(List.of("file f7 changed"), explainer.explain("slot", key(files, 7)));
        assertEquals(List.of("the files after f" + (StepKey.NAMED_FILES - 1) + " (a step's key names its first "
                + StepKey.NAMED_FILES + " one by one) changed"), explainer.explain("slot", key(files, files - 2)));
    }
}
