package dev.jbuild.cli.manifest;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.registry.Puller;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edits of a manifest list in the store: every change writes a new index under the list's name
 * (the old one goes, unless another name keeps it). Caller holds the writing lock.
 */
final class ManifestLists {
    private final Store store;
    private final Images images;

    ManifestLists(Store store) {
        this.store = store;
        this.images = new Images(store);
    }

    /** The list a name holds; a one-line error when it holds none. */
    StoredIndex list(String name) throws IOException {
        return images.findIndex(name).orElseThrow(() -> new JbuildFailure("manifest: " + name
                + " is not a manifest list in the store (make one with jbuild manifest create)"));
    }

    /** Names a new list of the images given (none: an empty list). */
    StoredIndex create(String name, List<Descriptor> entries, Map<String, String> annotations) throws IOException {
        ImageName named = ImageNames.tagTarget(name);
        if (images.findIndex(name).isPresent() || images.find(name).isPresent()) {
            throw new JbuildFailure("manifest create: " + name + " already names an image; remove it first (jbuild manifest rm)");
        }
        return images.addIndex(entries, annotations, List.of(named));
    }

    /** The list with its entries and annotations changed, under the same names. */
    StoredIndex replace(StoredIndex list, List<Descriptor> entries, Map<String, String> annotations) throws IOException {
        return images.replaceIndex(list.digest(), entries, annotations, list.names());
    }

    /**
     * An image for a list: from the store, else pulled (as podman's manifest add reads a registry); its
     * entry carries the platform its config declares, or the one given.
     */
    Descriptor entryFor(String reference, RegistryOptions registry, Optional<Platform> platform) throws IOException {
        Optional<StoredImage> local = images.find(reference, platform);
        StoredImage image = local.isPresent() ? local.get()
                : new Puller(store, registry.access(), System.err).pull(ImageNames.parse(reference), platform.orElse(Platform.host()));
        String type = image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST;
        return new Descriptor(type, image.manifestDigest(), store.blobs().size(image.manifestDigest()), Map.of(),
                Platform.of(image.config()).descriptor());
    }

    /** The entries with {@code entry} in place of any of the same image or the same platform. */
    static List<Descriptor> with(List<Descriptor> entries, Descriptor entry) {
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor d : entries) {
            boolean samePlatform = d.platform() != null && Platform.of(d.platform()) != null
                    && Platform.of(d.platform()).equals(Platform.of(entry.platform()));
            if (!d.digest().equals(entry.digest()) && !samePlatform) {
                out.add(d);
            }
        }
        out.add(entry);
        return out;
    }
}
