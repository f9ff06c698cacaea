package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.Store;
import dev.jbuild.store.blob.BlobStore;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Pulls an image: the manifest (for an index, the entry of the wanted platform), then config and
 * layers in parallel, each checked against its digest while it streams; blobs already stored are
 * not fetched again; the name is added only when every blob is in.
 */
public final class Puller {
    /** Blob transfers at once, for pull and push. */
    static final int TRANSFERS = 4;
    private final Store store;
    private final PrintStream out;
    private final RegistryAccess access;
    private final TransferProgress progress;

    public Puller(Store store, RegistryAccess access, PrintStream out) {
        this(store, access, out, TransferProgress.plain(out));
    }

    public Puller(Store store, RegistryAccess access, PrintStream out, TransferProgress progress) {
        this.store = store;
        this.access = access;
        this.out = out;
        this.progress = progress;
    }

    /** Pulls from the registry's mirrors in order, falling back to the next and finally to the registry. */
    public StoredImage pull(ImageName name, String os, String architecture) throws IOException {
        String reference = name.digest() != null ? name.digest().toString() : name.tag();
        out.println((name.tag() != null ? name.tag() : reference) + ": Pulling from " + name.familiarRepository());
        List<String> sources = access.pullSources(name.domain());
        for (int i = 0; ; i++) {
            try {
                return pullFrom(access.client(sources.get(i)), name, reference, os, architecture);
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
    public Optional<StoredImage> fetchUnnamed(ImageName name, String os, String architecture) throws IOException {
        try {
            return Optional.of(download(access.client(name.domain()), name, name.tag(), os, architecture).image());
        } catch (ManifestNotFound e) {
            return Optional.empty();
        }
    }

    private record Downloaded(StoredImage image, Descriptor entry, Digest topDigest) {
    }

    private StoredImage pullFrom(RegistryClient client, ImageName name, String reference, String os, String architecture)
            throws IOException {
        Downloaded d = download(client, name, reference, os, architecture);
        new Images(store).register(d.image(), d.entry(), Optional.of(name));
        out.println("Digest: " + d.topDigest());
        out.println("Status: Downloaded image for " + name.familiar());
        return d.image();
    }

    private Downloaded download(RegistryClient client, ImageName name, String reference, String os, String architecture)
            throws IOException {
        String repository = name.path();
        RegistryClient.FetchedManifest top = client.manifest(repository, reference);
        RegistryClient.FetchedManifest fetched = top;
        if (MediaTypes.isIndex(top.mediaType())) {
            store.blobs().put(top.content());
            ImageIndex index = Json.read(top.content(), ImageIndex.class);
            Descriptor chosen = index.manifests().stream()
                    .filter(d -> d.platform() != null && os.equals(d.platform().os())
                            && architecture.equals(d.platform().architecture()))
                    .findFirst()
                    .orElseThrow(() -> new RegistryException(name.familiar() + ": no image for " + os + "/"
                            + architecture + " in its index"));
            fetched = client.manifest(repository, chosen.digest().toString());
        }
        Manifest manifest = Json.read(fetched.content(), Manifest.class);
        List<Descriptor> blobs = new ArrayList<>(manifest.layers());
        blobs.add(manifest.config());
        List<Callable<String>> downloads = new ArrayList<>();
        for (Descriptor blob : blobs) {
            downloads.add(() -> fetch(client, repository, blob));
        }
        Parallel.run(downloads, TRANSFERS, progress::finished);
        Digest manifestDigest = store.blobs().put(fetched.content());
        ImageConfig config = Json.read(store.blobs().read(manifest.config().digest()), ImageConfig.class);
        StoredImage image = new StoredImage(manifestDigest, manifest, config, List.of(name));
        Descriptor entry = Descriptor.of(fetched.mediaType().isEmpty() ? MediaTypes.OCI_MANIFEST : fetched.mediaType(),
                manifestDigest, fetched.content().length);
        return new Downloaded(image, entry, top.digest());
    }

    private String fetch(RegistryClient client, String repository, Descriptor blob) throws IOException {
        if (store.blobs().contains(blob.digest())) {
            return blob.digest().shortId() + ": Already exists";
        }
        // A transfer cut off midway starts again from a fresh temp file: nothing partial is ever committed.
        for (int attempt = 1; ; attempt++) {
            try (BlobStore.BlobWriter w = store.blobs().writer()) {
                client.fetchBlob(repository, blob.digest(), new CountingOutputStream(new LocalSink(w.stream(), store.root()),
                        done -> progress.update(blob.digest(), done, blob.size())));
                w.commit(blob.digest());
                return blob.digest().shortId() + ": Pull complete";
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw new RegistryException("download of " + blob.digest() + " failed " + attempt + " times: " + e.getMessage());
                }
            }
        }
    }
}
