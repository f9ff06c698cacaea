package dev.jbuild.store.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jbuild.store.Digest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Descriptor writes its equals and hashCode out (start-up cost): they must still be a record's. */
class DescriptorTest {
    private static final Digest A = Digest.of(new byte[] {1});
    private static final Digest B = Digest.of(new byte[] {2});
    private static final Descriptor.Platform AMD64 = new Descriptor.Platform("amd64", "linux", null);

    private static Descriptor d(String type, Digest digest, long size, Map<String, String> annotations, Descriptor.Platform platform) {
        return new Descriptor(type, digest, size, annotations, platform);
    }

    @Test
    void equalWhenEveryComponentIsAndThenWithTheSameHash() {
        Descriptor one = d(MediaTypes.OCI_MANIFEST, A, 10, Map.of("k", "v"), AMD64);
        Descriptor same = d(MediaTypes.OCI_MANIFEST, A, 10, Map.of("k", "v"), new Descriptor.Platform("amd64", "linux", null));
        assertEquals(one, same);
        assertEquals(one.hashCode(), same.hashCode());
        assertEquals(List.of(one), List.of(same));
        for (Descriptor other : List.of(
                d(MediaTypes.OCI_INDEX, A, 10, Map.of("k", "v"), AMD64),
                d(MediaTypes.OCI_MANIFEST, B, 10, Map.of("k", "v"), AMD64),
                d(MediaTypes.OCI_MANIFEST, A, 11, Map.of("k", "v"), AMD64),
                d(MediaTypes.OCI_MANIFEST, A, 10, Map.of(), AMD64),
                d(MediaTypes.OCI_MANIFEST, A, 10, Map.of("k", "v"), null),
                d(MediaTypes.OCI_MANIFEST, A, 10, Map.of("k", "v"), new Descriptor.Platform("arm64", "linux", "v8")),
                d(null, A, 10, Map.of("k", "v"), AMD64))) {
            assertNotEquals(one, other);
            assertNotEquals(other, one);
        }
        assertNotEquals(AMD64, new Descriptor.Platform("amd64", "linux", "v2"));
        assertEquals(AMD64.hashCode(), new Descriptor.Platform("amd64", "linux", null).hashCode());
    }
}
