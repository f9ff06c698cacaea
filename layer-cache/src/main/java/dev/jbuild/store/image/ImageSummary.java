package dev.jbuild.store.image;

import dev.jbuild.store.Digest;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.tree.LayerTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code images} shows of an image, kept in its index.json entry as annotations when jbuild
 * records it, so that listing reads one file however many images there are (as containers/storage's
 * images.json does). The image ID and size are jbuild's keys; the creation time is the OCI
 * pre-defined {@code org.opencontainers.image.created}. Entries other tools wrote lack them: those
 * are read from the manifest and config.
 *
 * @param created RFC 3339, or null when the config has none
 */
public record ImageSummary(Digest manifestDigest, Digest id, String created, long size, List<ImageName> names) {
    static final String CREATED = "org.opencontainers.image.created";
    static final String ID = "dev.jbuild.image.id";
    static final String SIZE = "dev.jbuild.image.size";
    /** The layers' chain IDs (their hex, comma-separated): a run finds its layers' trees without hashing. */
    static final String CHAIN = "dev.jbuild.image.chain";

    public ImageSummary {
        names = List.copyOf(names);
    }

    static ImageSummary of(StoredImage image) {
        return new ImageSummary(image.manifestDigest(), image.id(), image.config().created(), image.size(), image.names());
    }

    /** The annotations an index entry of {@code image} carries. */
    static Map<String, String> annotations(StoredImage image) {
        Map<String, String> a = new HashMap<>();
        a.put(ID, image.id().toString());
        a.put(SIZE, Long.toString(image.size()));
        if (image.config().created() != null) {
            a.put(CREATED, image.config().created());
        }
        List<Digest> diffIds = image.config().rootfs() == null ? List.of() : image.config().rootfs().diffIds();
        if (!diffIds.isEmpty()) {
            StringBuilder chain = new StringBuilder();
            for (Digest id : LayerTrees.chainIds(diffIds)) {
                chain.append(chain.length() == 0 ? "" : ",").append(id.hex());
            }
            a.put(CHAIN, chain.toString());
        }
        return a;
    }

    /** Tells LayerTrees the chain IDs {@code image}'s own index entry records, if it does. */
    static void rememberChain(Descriptor entry, StoredImage image) {
        String chain = entry.annotations().get(CHAIN);
        if (chain == null || image.config().rootfs() == null) {
            return;
        }
        List<Digest> ids = new ArrayList<>();
        try {
            for (String hex : chain.split(",")) {
                ids.add(Digest.sha256(hex));
            }
        } catch (IllegalArgumentException e) {
            return; // not what jbuild wrote: hashing tells
        }
        LayerTrees.remember(image.config().rootfs().diffIds(), ids);
    }

    /** The summary an index entry carries (its names not filled in), if jbuild wrote it; null otherwise. */
    static ImageSummary fromEntry(Descriptor entry) {
        Map<String, String> a = entry.annotations();
        String id = a.get(ID);
        String size = a.get(SIZE);
        if (id == null || size == null) {
            return null;
        }
        try {
            return new ImageSummary(entry.digest(), Digest.parse(id), a.get(CREATED), Long.parseLong(size), List.of());
        } catch (IllegalArgumentException e) {
            return null; // not what jbuild wrote: the blobs tell
        }
    }

    ImageSummary withNames(List<ImageName> names) {
        return new ImageSummary(manifestDigest, id, created, size, names);
    }

    public boolean dangling() {
        return names.isEmpty();
    }
}
