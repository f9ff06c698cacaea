package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.BlobBytes;
import dev.jbuild.store.copy.EarlyWrite;
import dev.jbuild.store.copy.ImageSink;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A repository of a registry as a destination: a HEAD per blob, a cross-repository mount where
 * another repository of the registry should have it, an upload otherwise; manifests by digest, the
 * image's own last under its tag. Layers that arrive uncompressed are sent gzip-compressed, streamed
 * into the registry as they are compressed.
 */
public final class RegistrySink implements ImageSink {
    private final RegistryClient client;
    private final ImageName destination;
    private final String repository;
    private final Store store;
    /**
     * The blobs this process has seen each repository hold (there already, mounted or written), by registry
     * and repository: a later copy to one in the same command (the push that follows {@code build --push},
     * which sent the layers) asks about none of them again.
     */
    private static final Map<String, Set<Digest>> HELD = new ConcurrentHashMap<>();
    /** Of those, the ones this process uploaded: the repository lacked them, and so any manifest naming them. */
    private static final Map<String, Set<Digest>> UPLOADED = new ConcurrentHashMap<>();
    private final Set<Digest> held;
    private final Set<Digest> uploaded;
    private final List<Digest> sent = Collections.synchronizedList(new ArrayList<>());
    private Map<Digest, String> mountSources;

    /** {@code store}: where to look for other repositories of the registry that hold a blob. */
    public RegistrySink(RegistryClient client, ImageName destination, Store store) {
        this.client = client;
        this.destination = destination;
        this.repository = destination.path();
        this.store = store;
        this.held = HELD.computeIfAbsent(destination.domain() + "/" + repository, r -> ConcurrentHashMap.newKeySet());
        this.uploaded = UPLOADED.computeIfAbsent(destination.domain() + "/" + repository, r -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public Compression layerCompression() {
        return Compression.GZIP;
    }

    /** The tag already names this very manifest (so the registry has every blob of it). */
    @Override
    public boolean holds(RawManifest manifest, List<ImageName> names) throws IOException {
        if (destination.tag() == null || !manifest.isIndex() && uploaded.contains(manifest.manifest().config().digest())) {
            return false; // a config new to the repository is named by no manifest there
        }
        Optional<Digest> tagged = client.manifestDigest(repository, destination.tag(), manifest.mediaType());
        return tagged.isPresent() && tagged.get().equals(manifest.digest());
    }

    @Override
    public Optional<Outcome> existing(Blob blob) throws IOException {
        if (held.contains(blob.digest()) || client.hasBlob(repository, blob.digest())) {
            recordHeld(blob.digest());
            return Optional.of(Outcome.PRESENT);
        }
        Optional<String> from = Optional.ofNullable(mountSources().get(blob.digest())).or(() -> known(blob.digest()));
        if (from.isPresent() && client.mountBlob(repository, blob.digest(), from.get())) {
            recordHeld(blob.digest());
            return Optional.of(Outcome.mounted(from.get()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<EarlyWrite> writeAsMade(InputStream bytes) {
        return Optional.of(StreamedUpload.start(client, repository, bytes, this::recordUploaded));
    }

    @Override
    public void write(Blob blob, BlobBytes bytes) throws IOException {
        client.uploadBlob(repository, blob.digest(), bytes.file(), bytes::sent);
        recordUploaded(blob.digest());
    }

    private void recordUploaded(Digest blob) {
        uploaded.add(blob);
        recordHeld(blob);
    }

    private void recordHeld(Digest blob) {
        held.add(blob);
        sent.add(blob);
    }

    @Override
    public void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) throws IOException {
        String reference = top && destination.tag() != null ? destination.tag() : manifest.digest().toString();
        client.putManifest(repository, reference, manifest.mediaType(), manifest.bytes());
        if (top) {
            for (Digest blob : sent) {
                store.locations().remember(blob, destination.domain(), repository);
            }
        }
    }

    /**
     * For each blob, another repository of the destination's registry that should have it: one
     * that an image of the store holding it is named in (the registry says whether it really does).
     * Worked out once, when a blob is first found missing, from the manifests of the store's images named
     * on that registry (their configs are not read).
     */
    private synchronized Map<Digest, String> mountSources() {
        if (mountSources == null) {
            mountSources = new HashMap<>();
            Predicate<ImageName> elsewhere = n -> n.domain().equals(destination.domain()) && !n.path().equals(repository);
            try {
                for (Images.NamedManifest other : new Images(store).manifestsNamed(elsewhere)) {
                    String from = other.names().stream().filter(elsewhere).findFirst().orElseThrow().path();
                    mountSources.putIfAbsent(other.manifest().config().digest(), from);
                    other.manifest().layers().forEach(l -> mountSources.putIfAbsent(l.digest(), from));
                }
            } catch (IOException e) {
                // a hint only
            }
        }
        return mountSources;
    }

    /** A repository of the destination's registry that this store pushed the blob to. */
    private Optional<String> known(Digest blob) {
        try {
            return store.locations().elsewhere(blob, destination.domain(), repository);
        } catch (IOException e) {
            return Optional.empty(); // a hint only
        }
    }
}
