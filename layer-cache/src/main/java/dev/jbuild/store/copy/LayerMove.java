package dev.jbuild.store.copy;

import dev.jbuild.store.Digest;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.blob.GrowingFile;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Optional;

/**
 * One layer of a copy. It travels as it is, or (uncompressed, to a place that wants it compressed)
 * compressed on the way: into tmp/, checked against its diffID, under the digest the compression
 * gives now. A sink that can takes the compressed bytes as they are made (a registry's upload), so
 * that the sending ends soon after the compression rather than starting then. What a layer compressed to is remembered by the source where it can, so the next copy
 * knows the descriptor without compressing and sends nothing when the sink has that blob.
 */
final class LayerMove {
    private final ImageSource source;
    private final Descriptor from;
    private final Digest diffId;
    private final Digest chainId;
    private final Compression compressTo;
    private final String compressedType;
    private Descriptor result;
    private Optional<Descriptor> remembered; // read from the source once

    /** {@code compressTo} null: the layer goes as it is. */
    LayerMove(ImageSource source, Descriptor from, Digest diffId, Digest chainId, Compression compressTo, String compressedType) {
        this.source = source;
        this.from = from;
        this.diffId = diffId;
        this.chainId = chainId;
        this.compressTo = compressTo;
        this.compressedType = compressedType;
    }

    /** The descriptor the layer has in the sink, when known without compressing. */
    Optional<Descriptor> known() throws IOException {
        if (result != null) {
            return Optional.of(result);
        }
        if (compressTo == null) {
            return Optional.of(from);
        }
        if (remembered == null) {
            Optional<Descriptor> form = source.compressedForm(diffId, compressTo);
            remembered = form.isPresent() ? Optional.of(Descriptor.of(compressedType, form.get().digest(), form.get().size())) : form;
        }
        return remembered;
    }

    /** The descriptor the layer got; after {@link #move}. */
    Descriptor result() {
        return result;
    }

    /** Puts the layer into the sink, or finds it there; returns what happened. */
    Outcome move(ImageSink sink, BlobTransfer transfer, TempFiles temp, CopyProgress progress) throws IOException {
        Optional<Descriptor> known = known();
        if (known.isPresent()) {
            Optional<Outcome> existing = sink.existing(new Blob(known.get(), diffId, chainId));
            if (existing.isPresent()) {
                result = known.get();
                return existing.get();
            }
        }
        if (compressTo == null) {
            result = from;
            return transfer.send(new Blob(from, diffId, chainId));
        }
        GrowingFile file = new GrowingFile(temp.create("compress"));
        Optional<EarlyWrite> early = sink.writeAsMade(file.reader());
        Descriptor made;
        try {
            made = compress(transfer, file);
        } catch (IOException | RuntimeException e) {
            file.fail(e);
            early.ifPresent(EarlyWrite::abandon);
            Files.deleteIfExists(file.path());
            throw e;
        }
        try (LocalBytes bytes = LocalBytes.ofTempFile(made, file.path(), progress)) {
            source.rememberCompressedForm(diffId, Descriptor.of(compressTo.mediaType(), made.digest(), made.size()));
            result = made;
            Blob blob = new Blob(made, diffId, chainId);
            if (early.isPresent() && early.get().commit(blob)) {
                bytes.sent(made.size());
                return Outcome.WRITTEN;
            }
            if (!(known.isPresent() && known.get().equals(made))) { // compressed anew to other bytes: the sink may have those
                Optional<Outcome> existing = sink.existing(blob);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            return transfer.write(blob, bytes);
        }
    }

    /** The tar, checked as it leaves the source, compressed into {@code file}. */
    private Descriptor compress(BlobTransfer transfer, GrowingFile file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(file.writer(), 1 << 16)) {
            DigestingOutputStream blob = new DigestingOutputStream(out);
            OutputStream compressed = compressTo.compressing(blob);
            try (SourceBytes tar = transfer.bytes(from)) {
                tar.writeTo(compressed);
            }
            compressed.close();
            out.flush();
            file.finish();
            return Descriptor.of(compressedType, blob.digest(), blob.size());
        }
    }
}
