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

    private enum Kind { PLAIN, GZIP, ZSTD, BZIP2 }

    /** {@code raw} decompressed as its magic bytes say (plain when none matches). */
    public static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        return switch (kind(magic)) {
            case GZIP -> Compression.GZIP.decompressing(in);
            case ZSTD -> Compression.ZSTD.decompressing(in);
            case BZIP2 -> new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(in, true);
            case PLAIN -> in;
        };
    }

    /** Whether a stream's first bytes (a tar header's 512, when not compressed) start an archive, compressed or not. */
    public static boolean startsArchive(byte[] head) {
        return kind(head) != Kind.PLAIN || head.length >= TarFormat.BLOCK && TarReader.startsArchive(java.util.Arrays.copyOf(head, TarFormat.BLOCK));
    }

    private static Kind kind(byte[] magic) {
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Kind.GZIP;
        }
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5) {
            return Kind.ZSTD;
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            return Kind.BZIP2;
        }
        return Kind.PLAIN;
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
