package dev.jbuild.store.outgoing;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.tree.LayerTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An image on its way out of the store (push, save, --output): its layers as blobs and the manifest
 * that names them. Layers kept as blobs leave as they are (digests preserved); layers stored only as
 * trees are written from the tree, compressed as asked, when first needed. The manifest is the
 * stored one when nothing changed, else the same manifest with the new layer descriptors.
 */
public final class OutgoingImage implements AutoCloseable {
    private final Store store;
    private final StoredImage image;
    private final List<OutgoingLayer> layers = new ArrayList<>();

    public OutgoingImage(Store store, StoredImage image, Compression forTrees) {
        this.store = store;
        this.image = image;
        List<Digest> diffIds = image.config().rootfs().diffIds();
        List<Digest> chain = LayerTrees.chainIds(diffIds);
        for (int i = 0; i < image.manifest().layers().size(); i++) {
            layers.add(new OutgoingLayer(store, image.manifest().layers().get(i), diffIds.get(i), chain.get(i), forTrees));
        }
    }

    public List<OutgoingLayer> layers() {
        return layers;
    }

    /** The config blob (always stored as it is). */
    public Descriptor config() {
        return image.manifest().config();
    }

    /** Whether {@link #manifest()} needs no compressing: every layer's blob is stored or remembered. */
    public boolean manifestKnown() throws IOException {
        for (OutgoingLayer layer : layers) {
            if (!layer.known()) {
                return false;
            }
        }
        return true;
    }

    /** The manifest naming the outgoing blobs: compresses the layers whose blob is not known yet. */
    public byte[] manifest() throws IOException {
        List<Descriptor> descriptors = new ArrayList<>();
        for (OutgoingLayer layer : layers) {
            descriptors.add(layer.descriptor());
        }
        if (descriptors.equals(image.manifest().layers())) {
            return store.blobs().read(image.manifestDigest());
        }
        Manifest m = image.manifest();
        return Json.bytes(new Manifest(m.schemaVersion(), m.mediaType(), m.config(), descriptors, m.annotations()));
    }

    /** Deletes the blobs written from trees. */
    @Override
    public void close() throws IOException {
        for (OutgoingLayer layer : layers) {
            layer.close();
        }
    }
}
