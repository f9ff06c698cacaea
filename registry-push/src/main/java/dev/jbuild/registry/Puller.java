package dev.jbuild.registry;

import dev.jbuild.store.Store;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.place.StoreSink;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code pull}: the copy from a registry (its mirrors first, in order) into the store, in docker's
 * words. For an index, the wanted platform's image; blobs already stored are not fetched again; the
 * name is added only when every blob is in. A pull of one platform extracts its layers as they arrive;
 * every platform's, or a build cache entry's, only when something runs on them.
 */
public final class Puller {
    private final Store store;
    private final PrintStream out;
    private final RegistryAccess access;
    private final CopyProgress progress;

    public Puller(Store store, RegistryAccess access, PrintStream out) {
        this(store, access, out, CopyProgress.lines(out, BlobWords.PULL));
    }

    public Puller(Store store, RegistryAccess access, PrintStream out, CopyProgress progress) {
        this.store = store;
        this.access = access;
        this.out = out;
        this.progress = progress;
    }

    /** Pulls from the registry's mirrors in order, falling back to the next and finally to the registry. */
    public StoredImage pull(ImageName name, Platform platform) throws IOException {
        String reference = name.digest() != null ? name.digest().toString() : name.tag();
        out.println((name.tag() != null ? name.tag() : reference) + ": Pulling from " + name.familiarRepository());
        List<String> sources = access.pullSources(name.domain());
        for (int i = 0; ; i++) {
            try {
                StoreSink sink = StoreSink.unpacking(store, Optional.of(name)); // to be run or built on, as docker's pull
                ImageCopy.Copied copied = copy(sources.get(i), name, sink, CopyOptions.platform(platform));
                out.println("Digest: " + copied.sourceDigest());
                out.println("Status: Downloaded image for " + name.familiar());
                return sink.stored().get(0);
            } catch (IOException | RegistryException e) {
                if (i == sources.size() - 1) {
                    throw e;
                }
                out.println("mirror " + sources.get(i) + " failed (" + e.getMessage() + "); trying " + sources.get(i + 1));
            }
        }
    }

    /**
     * Downloads an image without giving it a name in the store (a build cache entry); empty when the
     * registry has no such manifest.
     */
    public Optional<StoredImage> fetchUnnamed(ImageName name, Platform platform) throws IOException {
        StoreSink sink = StoreSink.unnamed(store);
        try {
            copy(name.domain(), name, sink, CopyOptions.platform(platform));
            return Optional.of(sink.stored().get(0));
        } catch (ManifestNotFound e) {
            return Optional.empty();
        }
    }

    /** Every platform's image of an index, the index under the name ({@code pull --all-platforms}). */
    public StoredIndex pullAll(ImageName name) throws IOException {
        out.println((name.tag() != null ? name.tag() : name.digest()) + ": Pulling every platform from " + name.familiarRepository());
        StoreSink sink = StoreSink.named(store, Optional.of(name));
        ImageCopy.Copied copied = copy(access.pullSources(name.domain()).get(0), name, sink, CopyOptions.allPlatforms());
        if (sink.indexes().isEmpty()) {
            throw new RegistryException(name.familiar() + " is an image of one platform, not a multi-platform image: pull it without --all-platforms");
        }
        out.println("Digest: " + copied.sourceDigest());
        out.println("Status: Downloaded image for " + name.familiar());
        return sink.indexes().get(0);
    }

    private ImageCopy.Copied copy(String registry, ImageName name, StoreSink sink, CopyOptions options)
            throws IOException {
        RegistrySource source = new RegistrySource(access.client(registry), name, registry);
        return new ImageCopy(store.temp(), options, progress).copy(source, sink).get(0);
    }
}
