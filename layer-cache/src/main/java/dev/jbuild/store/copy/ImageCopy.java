package dev.jbuild.store.copy;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.platform.PlatformChoice;
import dev.jbuild.store.tree.LayerTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Copies images from any place to any other (as skopeo copy does): for each image, the blobs the sink
 * lacks move once, in parallel, each checked against its digest; layers are compressed on the way
 * only where the sink wants them so; the manifest goes last, so a place never names what it lacks.
 * pull, push, save, load, copy and build outputs are all this copy between two places.
 */
public final class ImageCopy {
    /** What an image config may be at most (a registry's bound for manifests, containerd's too). */
    private static final long CONFIG_LIMIT = 4 << 20;
    /** Blob transfers at once. */
    static final int TRANSFERS = 4;
    private final TempFiles temp;
    private final CopyOptions options;
    private final CopyProgress progress;

    public ImageCopy(TempFiles temp, CopyOptions options, CopyProgress progress) {
        this.temp = temp;
        this.options = options;
        this.progress = progress;
    }

    /** One image copied: the digest of its top manifest in the source, what the sink got, its names. */
    public record Copied(Digest sourceDigest, RawManifest written, List<ImageName> names) {
    }

    /** Copies every image the source names, then finishes the sink. */
    public List<Copied> copy(ImageSource source, ImageSink sink) throws IOException {
        List<Copied> copied = new ArrayList<>();
        for (SourceImage image : source.images()) {
            copied.add(copy(source, sink, image));
        }
        sink.finish();
        return copied;
    }

    private Copied copy(ImageSource source, ImageSink sink, SourceImage image) throws IOException {
        RawManifest top = image.manifest();
        if (!top.isIndex()) {
            return new Copied(top.digest(), copyImage(source, sink, top, true, image.names()), image.names());
        }
        ImageIndex index = top.index();
        if (!options.all()) {
            Descriptor chosen = PlatformChoice.entry(index, options.platform())
                    .orElseThrow(() -> new StoreException(source.describe() + ": no image for " + options.platform()
                            + " in its index (it has " + PlatformChoice.platforms(index) + ")"));
            if (!sink.keepsPartialIndexes()) {
                return new Copied(top.digest(), copyImage(source, sink, platformImage(source, chosen), true, image.names()), image.names());
            }
            copyImage(source, sink, platformImage(source, chosen), false, List.of());
            sink.writeManifest(top, true, image.names()); // the index as it is, with the one platform's image
            return new Copied(top.digest(), top, image.names());
        }
        if (!sink.holdsIndexes()) {
            throw new StoreException("this destination keeps one platform per image; copy without --all, or to a"
                    + " registry, oci: or oci-archive:");
        }
        ManifestFormat format = options.format().orElse(ManifestFormat.of(top.mediaType()));
        List<Descriptor> entries = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            RawManifest child = platformImage(source, entry);
            RawManifest written = copyImage(source, sink, child, false, List.of());
            entries.add(new Descriptor(written.mediaType(), written.digest(), written.bytes().length, entry.annotations(),
                    entry.platform()));
        }
        RawManifest written = entries.equals(index.manifests()) && format == ManifestFormat.of(top.mediaType()) ? top
                : new RawManifest(format.indexType(), Json.bytes(new ImageIndex(2, format.indexType(), entries, index.annotations())));
        sink.writeManifest(written, true, image.names());
        return new Copied(top.digest(), written, image.names());
    }

    /** An index's entry: an image's manifest, never another index. */
    private static RawManifest platformImage(ImageSource source, Descriptor entry) throws IOException {
        RawManifest child = source.manifest(entry);
        if (child.isIndex()) {
            throw new StoreException(source.describe() + ": an index inside an index is not supported");
        }
        return child;
    }

    /** Copies one platform's image: config and layers (unless the sink holds it all), then its manifest. */
    private RawManifest copyImage(ImageSource source, ImageSink sink, RawManifest raw, boolean top, List<ImageName> names)
            throws IOException {
        Manifest manifest = raw.manifest();
        ManifestFormat format = options.format().orElse(ManifestFormat.of(raw.mediaType()));
        BlobTransfer transfer = new BlobTransfer(source, sink, temp, progress);
        byte[] config = read(source, transfer, manifest.config());
        List<LayerMove> layers = plan(source, sink, manifest.layers(), diffIds(source, manifest, config), format);

        Optional<RawManifest> planned = ManifestRewrite.ifKnown(raw, manifest, format, layers);
        if (planned.isPresent() && planned.get() != raw) {
            planned = Optional.of(source.recall(raw.digest(), planned.get()));
        }
        if (top && planned.isPresent() && sink.holds(planned.get(), names)) {
            RawManifest held = keepRewritten(source, raw, planned.get());
            for (LayerMove layer : layers) {
                progress.finished(layer.known().orElseThrow(), Outcome.PRESENT);
            }
            progress.finished(manifest.config(), Outcome.PRESENT);
            return held;
        }
        List<Callable<Runnable>> moves = moves(sink, transfer, layers);
        Descriptor configOut = ManifestRewrite.config(manifest.config(), format);
        moves.add(() -> {
            Outcome outcome = moveConfig(source, sink, transfer, manifest.config(), configOut, config);
            return () -> progress.finished(configOut, outcome);
        });
        int threads = sink.concurrent() ? Math.max(TRANSFERS, Runtime.getRuntime().availableProcessors()) : 1;
        Parallel.run(moves, threads, Runnable::run);
        RawManifest written = ManifestRewrite.of(raw, manifest, format, layers.stream().map(LayerMove::result).toList());
        sink.writeManifest(written, top, names);
        return keepRewritten(source, raw, written);
    }

    /** The config blob {@code stored} (its bytes {@code config}) into the sink as {@code out}, unless it is there. */
    private Outcome moveConfig(ImageSource source, ImageSink sink, BlobTransfer transfer, Descriptor stored, Descriptor out,
            byte[] config) throws IOException {
        Blob blob = new Blob(out, null, null);
        Optional<Outcome> existing = sink.existing(blob);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (source.verifiedAtRest()) { // read unchecked (see read): a sink takes only what the digest names
            SourceBytes.check(source, stored, config);
        }
        try (LocalBytes bytes = LocalBytes.ofArray(out, config, temp, progress)) {
            return transfer.write(blob, bytes);
        }
    }

    /**
     * Puts an image's config into the sink ahead of the image (a build that pushes while it runs, once it
     * has the image), beside its last layers still on their way; the copy of the image then finds it there.
     */
    public void copyConfig(ImageSource source, ImageSink sink, Descriptor config) throws IOException {
        BlobTransfer transfer = new BlobTransfer(source, sink, temp, progress);
        progress.finished(config, moveConfig(source, sink, transfer, config, config, read(source, transfer, config)));
    }

    /**
     * Puts layers of an image into the sink ahead of the image (a build that pushes while it runs):
     * {@code from} on of {@code layers}, whose diffIDs are {@code diffIds}; no config, no manifest. The
     * copy of the image then finds them there, and what they were compressed to is remembered.
     */
    public void copyLayers(ImageSource source, ImageSink sink, List<Descriptor> layers, List<Digest> diffIds, int from)
            throws IOException {
        List<LayerMove> planned = plan(source, sink, layers, diffIds, options.format().orElse(ManifestFormat.OCI));
        BlobTransfer transfer = new BlobTransfer(source, sink, temp, progress);
        Parallel.run(moves(sink, transfer, planned.subList(from, planned.size())), TRANSFERS, Runnable::run);
    }

    /** Each layer's move, which on its thread gives what to show once it is done. */
    private List<Callable<Runnable>> moves(ImageSink sink, BlobTransfer transfer, List<LayerMove> layers) {
        List<Callable<Runnable>> moves = new ArrayList<>();
        for (LayerMove layer : layers) {
            moves.add(() -> {
                Outcome outcome = layer.move(sink, transfer, temp, progress);
                return () -> progress.finished(layer.result(), outcome);
            });
        }
        return moves;
    }

    /**
     * Lets the source keep what its manifest became, unless the source itself told its digest (it has it);
     * returns the manifest with its digest known, so that no caller hashes it again.
     */
    private static RawManifest keepRewritten(ImageSource source, RawManifest raw, RawManifest written) throws IOException {
        if (written == raw || written.knownDigest() != null) {
            return written;
        }
        RawManifest known = written.knowing(written.digest());
        source.rememberRewritten(raw.digest(), known);
        return known;
    }

    /** A small blob's bytes: checked against its digest on the way, unless the source checked it when it stored it. */
    private static byte[] read(ImageSource source, BlobTransfer transfer, Descriptor blob) throws IOException {
        if (blob.size() > CONFIG_LIMIT || blob.size() < 0) {
            throw new StoreException(source.describe() + ": config " + blob.digest() + " is " + blob.size()
                    + " bytes, more than the " + (CONFIG_LIMIT >> 20) + " MiB an image config may be");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (source.verifiedAtRest()) {
            source.writeBlob(blob, out);
        } else {
            try (SourceBytes bytes = transfer.bytes(blob)) {
                bytes.writeTo(out);
            }
        }
        return out.toByteArray();
    }

    private static List<Digest> diffIds(ImageSource source, Manifest manifest, byte[] config) throws IOException {
        ImageConfig parsed = Json.read(config, ImageConfig.class);
        List<Digest> diffIds = parsed.rootfs() == null ? List.of() : parsed.rootfs().diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new StoreException(source.describe() + ": image " + manifest.config().digest() + " lists "
                    + manifest.layers().size() + " layers but its config has " + diffIds.size());
        }
        return diffIds;
    }

    /**
     * How each layer goes: as it is, or compressed (an uncompressed layer, to a sink that wants it
     * compressed, or when asked). An uncompressed layer's digest is its diffID; another is refused.
     */
    private List<LayerMove> plan(ImageSource source, ImageSink sink, List<Descriptor> layers, List<Digest> diffIds,
            ManifestFormat format) {
        Compression wanted = options.compression().orElse(sink.layerCompression());
        List<LayerMove> moves = new ArrayList<>();
        List<Digest> chainIds = LayerTrees.chainIds(diffIds);
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor layer = layers.get(i);
            Digest diffId = diffIds.get(i);
            boolean uncompressed = Compression.ofFilesystemLayer(layer.mediaType()).orElse(null) == Compression.NONE;
            if (uncompressed && !layer.digest().equals(diffId)) {
                throw new StoreException(source.describe() + ": layer " + layer.digest() + " has diffID " + layer.digest()
                        + " but the image's config expects " + diffId);
            }
            Compression to = uncompressed && wanted != Compression.NONE ? wanted : null;
            moves.add(new LayerMove(source, ManifestRewrite.layer(layer, format), diffId, chainIds.get(i), to,
                    to == null ? null : format.layerType(to)));
        }
        return moves;
    }
}
