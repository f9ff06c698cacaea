package dev.jbuild.store.layer;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.BlobStore;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.tar.TarReader;
import dev.jbuild.store.tree.EntryCheck;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Stores a tar stream as a gzip layer blob in one pass: the diffID (sha256 of the tar), the blob
 * digest (sha256 of the gzip) and both sizes are computed while the bytes stream through; nothing
 * the size of a layer is held in memory.
 */
public final class LayerBlobs {
    private LayerBlobs() {
    }

    /** {@code archive} (checked as {@link EntryCheck} says) may be a plain, gzip, zstd or bzip2 tar; anything else is refused with a reason. */
    public static Layer storeArchive(BlobStore blobs, InputStream archive, String source) throws IOException {
        InputStream tar = decompressed(new BufferedInputStream(archive, 1 << 16), source);
        BufferedInputStream in = new BufferedInputStream(tar, 1 << 16);
        in.mark(512);
        byte[] first = in.readNBytes(512);
        in.reset();
        if (!TarReader.startsArchive(first)) {
            throw new StoreException(source + ": not a tar archive");
        }
        // Checked at the door: a layer that extraction would refuse is never stored.
        return storeTar(blobs, Compression.GZIP, out -> EntryCheck.copyChecked(in, out, source));
    }

    /** Stores an uncompressed tar stream, gzip-compressed. */
    public static Layer storeTar(BlobStore blobs, InputStream tar) throws IOException {
        return storeTar(blobs, Compression.GZIP, tar::transferTo);
    }

    /** Where a layer's tar comes from: something that writes it into a stream. */
    public interface TarSource {
        void writeTo(OutputStream tar) throws IOException;
    }

    /** Stores the tar {@code source} writes, compressed as asked, computing diffID and digest on the way. */
    public static Layer storeTar(BlobStore blobs, Compression compression, TarSource source) throws IOException {
        try (BlobStore.BlobWriter blob = blobs.writer()) {
            OutputStream compressed = compression.compressing(blob.stream());
            DigestingOutputStream diff = new DigestingOutputStream(compressed);
            source.writeTo(diff);
            compressed.close();
            var digest = blob.commit(null);
            return new Layer(Descriptor.of(compression.mediaType(), digest, blob.size()), diff.digest(), diff.size());
        }
    }

    private static InputStream decompressed(BufferedInputStream in, String source) throws IOException {
        in.mark(6);
        byte[] magic = in.readNBytes(6);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            return new BZip2CompressorInputStream(in, true);
        }
        if (magic.length >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z') {
            throw new StoreException(source + ": xz-compressed archives are not supported; decompress it first (xz -d)");
        }
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return Compression.ZSTD.decompressing(in);
        }
        return in;
    }
}
