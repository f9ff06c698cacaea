package dev.jbuild.store.tar;

import dev.jbuild.store.layer.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tar archives as ADD and tar contexts take them: plain, gzip, zstd or bzip2, told apart by their first bytes. */
public final class Archives {
    private Archives() {
    }

    /** {@code raw} decompressed as its magic bytes say (plain when none matches). */
    public static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Compression.GZIP.decompressing(in);
        }
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5) {
            return Compression.ZSTD.decompressing(in);
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            return new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(in, true);
        }
        return in;
    }

    /** Whether the file is a tar archive, compressed or not. */
    public static boolean isArchive(Path file) {
        try (InputStream in = decompressed(Files.newInputStream(file))) {
            byte[] header = in.readNBytes(TarFormat.BLOCK);
            return header.length == TarFormat.BLOCK && TarReader.startsArchive(header);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
