package dev.jbuild.executor.imagebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jbuild.dockerfile.ignore.IgnoreMatcher;
import dev.jbuild.store.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A COPY source's key lines: every entry once, in the walk's order, across the windows the files are hashed in. */
class SourceFilesTest {
    @TempDir
    Path ctx;

    @Test
    void aContextLargerThanOneWindowGivesEveryLineInWalkOrder() throws Exception {
        List<String> expected = new ArrayList<>(List.of("file:."));
        for (int d = 0; d < 5; d++) {
            Path dir = Files.createDirectories(ctx.resolve("d" + d));
            expected.add("file:d" + d);
            List<String> names = new ArrayList<>();
            for (int f = 0; f < 500; f++) {
                Files.writeString(dir.resolve("f" + f), "content " + d + "/" + f);
                names.add("file:d" + d + "/f" + f);
            }
            names.sort(null); // f1, f10, f100, … as the walk sorts names
            expected.addAll(names);
        }
        SourceFiles sources = new SourceFiles(ctx, IgnoreMatcher.of(List.of()));

        StepKey key = new StepKey();
        sources.digestInto(List.of(ctx), key);

        assertEquals(expected, key.parts().stream().map(StepKey.Part::name).toList());
        StepKey.Part last = key.parts().get(key.parts().size() - 1);
        assertEquals("100644 " + Digest.of(Files.readAllBytes(ctx.resolve("d4/f99"))), last.value(), last.name());

        Files.setLastModifiedTime(ctx.resolve("d4/f99"), FileTime.fromMillis(0));
        assertEquals(key.digest(), keyOf(sources), "times are not content");
        Files.writeString(ctx.resolve("d4/f99"), "changed");
        assertNotEquals(key.digest(), keyOf(sources), "a file in the last window changes the key");
    }

    private Digest keyOf(SourceFiles sources) throws Exception {
        StepKey key = new StepKey();
        sources.digestInto(List.of(ctx), key);
        return key.digest();
    }
}
