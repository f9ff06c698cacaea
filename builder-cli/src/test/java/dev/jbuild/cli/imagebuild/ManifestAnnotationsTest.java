package dev.jbuild.cli.imagebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.cli.JbuildFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestAnnotationsTest {
    @Test
    void manifestAnnotationsInBuildxsFormsSorted() {
        assertEquals(Map.of("a", "1", "org.opencontainers.image.source", "https://x/y", "z", "b=c"),
                ManifestAnnotations.parse(List.of("z=b=c", "manifest:org.opencontainers.image.source=https://x/y",
                        "manifest[linux/amd64]:a=1"), "linux/amd64"));
        assertEquals(List.of("a", "b"), List.copyOf(ManifestAnnotations.parse(List.of("b=2", "a=1"), "linux/amd64").keySet()));
    }

    @Test
    void whatOnePlatformCannotCarryIsRefused() {
        assertEquals("build: --annotation index:a=1: a build of one platform makes no index (use manifest: or no prefix)",
                assertThrows(JbuildFailure.class, () -> ManifestAnnotations.parse(List.of("index:a=1"), "linux/amd64")).getMessage());
        assertEquals("build: --annotation manifest[linux/arm64]:a=1: this build makes linux/amd64 only",
                assertThrows(JbuildFailure.class, () -> ManifestAnnotations.parse(List.of("manifest[linux/arm64]:a=1"), "linux/amd64"))
                        .getMessage());
        assertThrows(JbuildFailure.class, () -> ManifestAnnotations.parse(List.of("novalue"), "linux/amd64"));
    }
}
