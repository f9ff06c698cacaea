package dev.jbuild.store.copy;

import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.platform.Platform;
import java.util.Optional;

/**
 * How a copy goes: for an index, the platform to take (or {@code all} of them); the manifest format
 * the destination gets (empty: the source's); how uncompressed layers are compressed (empty: as the
 * destination prefers: a registry gzip, files as they are).
 */
public record CopyOptions(Platform platform, boolean all, Optional<ManifestFormat> format,
                          Optional<Compression> compression) {

    /** One platform, formats and compression as the places have them. */
    public static CopyOptions platform(Platform platform) {
        return new CopyOptions(platform, false, Optional.empty(), Optional.empty());
    }

    /** Every platform of an index, formats and compression as the places have them. */
    public static CopyOptions allPlatforms() {
        return new CopyOptions(Platform.host(), true, Optional.empty(), Optional.empty());
    }

    public CopyOptions withCompression(Compression c) {
        return new CopyOptions(platform, all, format, Optional.of(c));
    }
}
