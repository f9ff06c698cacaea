package dev.jbuild.registry;

import dev.jbuild.store.Store;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.place.StoreSource;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code push}: the copy from the store to a registry, in docker's words. Blobs the registry has
 * (or can mount) are not sent; layers stored only as trees are compressed on the way, once.
 */
public final class Pusher {
    private final Store store;
    private final PrintStream out;
    private final RegistryAccess access;
    private final CopyProgress progress;

    public Pusher(Store store, RegistryAccess access, PrintStream out) {
        this(store, access, out, CopyProgress.lines(out, BlobWords.PUSH));
    }

    public Pusher(Store store, RegistryAccess access, PrintStream out, CopyProgress progress) {
        this.store = store;
        this.access = access;
        this.out = out;
        this.progress = progress;
    }

    /** Pushes with gzip as the compression of uncompressed layers. */
    public Descriptor push(StoredImage image, ImageName destination) throws IOException {
        return push(image, destination, Compression.GZIP);
    }

    public Descriptor push(StoredImage image, ImageName destination, Compression compression) throws IOException {
        return push(new StoreSource.Entry(image, image.names()), destination, compression);
    }

    /**
     * Pushes the image, or every platform's of a multi-platform one; uncompressed layers (those stored only as trees among them) leave compressed
     * as {@code compression} asks. Returns the descriptor of the manifest the registry now holds.
     */
    public Descriptor push(StoreSource.Entry entry, ImageName destination, Compression compression) throws IOException {
        out.println("The push refers to repository [" + destination.familiarRepository() + "]");
        RegistrySink sink = new RegistrySink(access.client(destination.domain()), destination, store); // never a mirror
        CopyOptions options = CopyOptions.allPlatforms().withCompression(compression);
        try (StoreSource source = new StoreSource(store, List.of(entry))) {
            RawManifest pushed = new ImageCopy(store.temp(), options, progress)
                    .copy(source, sink).get(0).written();
            String tag = destination.tag() != null ? destination.tag() : pushed.digest().toString();
            out.println(tag + ": digest: " + pushed.digest() + " size: " + pushed.bytes().length);
            return pushed.descriptor();
        }
    }
}
