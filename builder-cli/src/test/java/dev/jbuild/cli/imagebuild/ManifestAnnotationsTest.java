package dev.jbuild.cli.imagebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestAnnotationsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @Test
    void manifestAnnotationsInBuildxsFormsSorted() {
        assertEquals(Map.of("a", "1", "org.opencontainers.image.source", "https://x/y", "z", "b=c"),
                ManifestAnnotations.parse(List.of("z=b=c", "manifest:org.opencontainers.image.source=https://x/y",
                        "manifest[linux/amd64]:a=1"), List.of(AMD64)).manifest(AMD64));
        assertEquals(List.of("a", "b"), List.copyOf(ManifestAnnotations.parse(List.of("b=2", "a=1"), List.of(AMD64)).manifest(AMD64).keySet()));
    }

    @Test
    void severalPlatformsEachGetTheirOwnAndTheIndexItsOwn() {
        ManifestAnnotations a = ManifestAnnotations.parse(List.of("all=1", "manifest[linux/arm64]:arm=yes", "index:org.opencontainers.image.title=t"),
                List.of(AMD64, ARM64));
        assertEquals(Map.of("all", "1"), a.manifest(AMD64));
        assertEquals(Map.of("all", "1", "arm", "yes"), a.manifest(ARM64));
        assertEquals(Map.of("org.opencontainers.image.title", "t"), a.index());
    }

    @Test
    void whatOnePlatformCannotCarryIsRefused() {
        assertEquals("build: --annotation index:a=1: a build of one platform makes no index (use manifest: or no prefix)",
                assertThrows(JbuildFailure.class, () -> ManifestAnnotations.parse(List.of("index:a=1"), List.of(AMD64))).getMessage());
        assertEquals("build: --annotation manifest[linux/arm64]:a=1: this build makes [linux/amd64] only",
                assertThrows(JbuildFailure.class, () -> ManifestAnnotations.parse(List.of("manifest[linux/arm64]:a=1"), List.of(AMD64)))
                        .getMessage());
        assertThrows(JbuildFailure.class, () -> ManifestAnnotations.parse(List.of("novalue"), List.of(AMD64)));
    }
}
