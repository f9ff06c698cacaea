package dev.jbuild.store.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.MediaTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void namesAreNormalisedAsContainerdDoes() {
        assertEquals("linux/arm64", Platform.parse("linux/aarch64").toString());
        assertEquals("linux/arm64", Platform.parse("linux/arm64/v8").toString());
        assertEquals("linux/arm/v7", Platform.parse("linux/arm").toString());
        assertEquals("linux/arm/v6", Platform.parse("Linux/ARM/v6").toString());
        assertEquals("linux/amd64", Platform.parse("linux/x86_64").toString());
        assertEquals(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")),
                Platform.parseList("linux/amd64, linux/arm64,linux/aarch64"));
    }

    @Test
    void malformedPlatformsAreOneLine() {
        for (String bad : List.of("linux", "linux/", "/amd64", "linux/arm/v7/x", "linux/arm/", ",")) {
            StoreException e = assertThrows(StoreException.class, () -> Platform.parseList(bad));
            assertTrue(e.getMessage().startsWith("invalid platform \"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void anIndexEntryIsChosenExactlyElseByCpuAndAttestationsNever() {
        Descriptor amd64 = entry('a', "amd64", null);
        Descriptor armV6 = entry('b', "arm", "v6");
        Descriptor armV7 = entry('c', "arm", "v7");
        Descriptor attestation = entry('d', "unknown", null);
        ImageIndex index = ImageIndex.of(List.of(attestation, amd64, armV6, armV7));
        assertEquals(amd64, PlatformChoice.entry(index, Platform.parse("linux/amd64")).orElseThrow());
        assertEquals(armV7, PlatformChoice.entry(index, Platform.parse("linux/arm")).orElseThrow(), "arm is arm/v7");
        assertEquals(armV6, PlatformChoice.entry(index, Platform.parse("linux/arm/v6")).orElseThrow());
        assertTrue(PlatformChoice.entry(index, Platform.parse("linux/arm64")).isEmpty());
        assertEquals(List.of("linux/amd64", "linux/arm/v6", "linux/arm/v7"),
                PlatformChoice.platforms(index).stream().map(Platform::toString).toList());
    }

    private static Descriptor entry(char hex, String arch, String variant) {
        return new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(String.valueOf(hex).repeat(64)), 1, Map.of(),
                new Descriptor.Platform(arch, arch.equals("unknown") ? "unknown" : "linux", variant));
    }
}
