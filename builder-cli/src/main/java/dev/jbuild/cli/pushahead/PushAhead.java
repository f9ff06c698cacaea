package dev.jbuild.cli.pushahead;

import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.registry.RegistrySink;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.place.StoreSource;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code build --push} and {@code -o type=registry}: the layers of the image being built go up while
 * later steps still run. Each time the target stage's image grows (its base, then a step's layer), the
 * new layers are compressed and sent from a thread of this class's own, as the push would send them,
 * and once the build has its image, the config beside the last of them; the push after the build then
 * finds them in the registry (their compressed digests are remembered in the store, what the registry
 * holds in the process) and sends only the manifest. Nothing here names the image in the
 * registry before the build has ended well. A failure here is left to that push, which tries again
 * and says why.
 */
public final class PushAhead {
    private final Store store;
    private final RegistryOptions registry;
    private final ImageName destination;
    private final BuildProgress view;
    /** How the layers' bytes show while they go: no lines (the push after the build says what went). */
    private final CopyProgress shown;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "jbuild-push-ahead");
        t.setDaemon(true); // an upload in flight when the build fails dies with jbuild
        return t;
    });
    /** The config's sender, beside the layers' (whose last may still be on its way when the config is known). */
    private final ExecutorService configSender = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "jbuild-push-ahead-config");
        t.setDaemon(true);
        return t;
    });
    private final List<Future<?>> sending = new java.util.ArrayList<>();
    /** Blobs this sent, which the push after the build will find present. */
    private final Set<Digest> written = ConcurrentHashMap.newKeySet();
    private RegistrySink sink;
    private int handedOn;

    private PushAhead(Store store, RegistryOptions registry, ImageName destination, BuildProgress view, CopyProgress shown) {
        this.store = store;
        this.registry = registry;
        this.destination = destination;
        this.view = view;
        this.shown = shown;
    }

    /**
     * Pushing ahead to {@code destination} (the first name the build pushes to), watching the build's
     * {@code view}; the layers' bytes show as {@code shown} shows them.
     */
    public static PushAhead to(Store store, RegistryOptions registry, String destination, BuildProgress view, CopyProgress shown) {
        return new PushAhead(store, registry, ImageNames.parse(destination), view, shown);
    }

    /** {@code view}, and layers pushed as the build tells of them. */
    public BuildProgress watching() {
        return new Watching();
    }

    /** Sends the built image's config beside the layers still on their way; the push after the build finds it there. */
    public synchronized void send(StoredImage image) {
        sending.add(configSender.submit(() -> {
            new ImageCopy(store.temp(), CopyOptions.allPlatforms(), new Recording()).copyConfig(StoreSource.of(store, image, List.of()),
                    sink(), image.manifest().config());
            return null;
        }));
    }

    /** Waits for what is on its way; called before the push that follows the build. */
    public void await() throws IOException {
        List<Future<?>> all;
        synchronized (this) {
            sender.shutdown();
            configSender.shutdown();
            all = List.copyOf(sending);
        }
        for (Future<?> f : all) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while layers were pushed");
            } catch (ExecutionException e) {
                // left to the push after the build, which tries again and reports it
            }
        }
    }

    /** Stops whatever is still on its way (the build failed): no upload outlives the command. */
    public void stop() {
        sender.shutdownNow();
        configSender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
            configSender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code transfers}, saying "pushed" of the blobs this pushed, which the push after the build finds present. */
    public CopyProgress reporting(CopyProgress transfers) {
        return new CopyProgress() {
            @Override
            public void update(Digest blob, long done, long total) {
                transfers.update(blob, done, total);
            }

            @Override
            public void finished(Descriptor blob, Outcome outcome) {
                boolean mine = outcome.kind() == Outcome.Kind.PRESENT && written.contains(blob.digest());
                transfers.finished(blob, mine ? Outcome.WRITTEN : outcome);
            }
        };
    }

    private synchronized void send(List<Descriptor> layers, List<Digest> diffIds) {
        int from = handedOn;
        handedOn = layers.size();
        List<Descriptor> snapshot = List.copyOf(layers);
        List<Digest> ids = List.copyOf(diffIds);
        sending.add(sender.submit(() -> {
            new ImageCopy(store.temp(), CopyOptions.allPlatforms(), new Recording()).copyLayers(StoreSource.ofLayers(store, ids), sink(),
                    snapshot, ids, from);
            return null;
        }));
    }

    private synchronized RegistrySink sink() throws IOException {
        if (sink == null) { // on the sender's thread: credentials may come from a helper process
            sink = new RegistrySink(registry.access().client(destination.domain()), destination, store);
        }
        return sink;
    }

    /** Shows the bytes as {@code shown} does and notes what this wrote. */
    private final class Recording implements CopyProgress {
        @Override
        public void update(Digest blob, long done, long total) {
            shown.update(blob, done, total);
        }

        @Override
        public void finished(Descriptor blob, Outcome outcome) {
            shown.finished(blob, outcome);
            if (outcome.kind() == Outcome.Kind.WRITTEN) {
                written.add(blob.digest());
            }
        }
    }

    private final class Watching extends BuildProgress.Forwarding {
        Watching() {
            super(view);
        }

        @Override
        public void layers(List<Descriptor> layers, List<Digest> diffIds) {
            next.layers(layers, diffIds);
            send(layers, diffIds);
        }
    }
}
