package dev.jbuild.cli.imagebuild;

import dev.jbuild.executor.imagebuild.RemoteCache;
import dev.jbuild.registry.Puller;
import dev.jbuild.registry.Pusher;
import dev.jbuild.registry.RegistryAccess;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.cache.BuildCache;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import java.io.IOException;
import dev.jbuild.cli.progress.CommandOutput;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** --cache-from / --cache-to REPOSITORY: step results as images tagged step-KEY in a registry. */
final class RegistryCache implements RemoteCache {
    private final Store store;
    private final RegistryAccess access;
    private final Optional<ImageName> from;
    private final Optional<ImageName> to;
    private final PrintStream quiet = CommandOutput.NOWHERE;

    RegistryCache(Store store, RegistryAccess access, Optional<ImageName> from, Optional<ImageName> to) {
        this.store = store;
        this.access = access;
        this.from = from;
        this.to = to;
    }

    @Override
    public boolean fetch(Digest key) throws IOException {
        if (from.isEmpty()) {
            return false;
        }
        Optional<StoredImage> image = new Puller(store, access, quiet)
                .fetchUnnamed(from.get().withTag(RemoteCache.tag(key)), Platform.host()); // one platform's image: its key says which
        if (image.isEmpty()) {
            return false;
        }
        new BuildCache(store).put(key, new BuildCache.Entry(image.get().config(), image.get().manifest().layers()));
        return true;
    }

    @Override
    public void export(List<Digest> keys) throws IOException {
        if (to.isEmpty()) {
            return;
        }
        Pusher pusher = new Pusher(store, access, quiet);
        BuildCache cache = new BuildCache(store);
        for (Digest key : keys) {
            Optional<Digest> manifestDigest = cache.manifest(key);
            if (manifestDigest.isEmpty() || !store.blobs().contains(manifestDigest.get())) {
                continue;
            }
            Manifest manifest = Json.read(store.blobs().read(manifestDigest.get()), Manifest.class);
            ImageConfig config = Json.read(store.blobs().read(manifest.config().digest()), ImageConfig.class);
            pusher.push(new StoredImage(manifestDigest.get(), manifest, config, List.of()), to.get().withTag(RemoteCache.tag(key)));
        }
    }
}
