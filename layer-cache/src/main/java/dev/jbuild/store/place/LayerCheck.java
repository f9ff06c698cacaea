package dev.jbuild.store.place;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.BlobStore;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.tree.EntryCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What is checked of every layer that comes into the store, whatever it came from: its entries by the
 * rules extraction enforces and its diffID against the config, so that an image that could never be
 * extracted (a registry that serves a config whose diff_ids do not match) is refused when it comes in,
 * not at its first run, and nothing of it is kept.
 */
final class LayerCheck {
    private LayerCheck() {
    }

    static void check(BlobStore blobs, Blob layer) throws IOException {
        DigestingOutputStream tar = new DigestingOutputStream(OutputStream.nullOutputStream());
        try (InputStream in = Compression.ofMediaType(layer.descriptor().mediaType()).decompressing(blobs.open(layer.digest()))) {
            EntryCheck.copyChecked(in, tar, "layer " + layer.digest().shortId());
        }
        if (!tar.digest().equals(layer.diffId())) {
            throw new StoreException("layer " + layer.digest() + " has diffID " + tar.digest()
                    + " but the image's config expects " + layer.diffId());
        }
    }
}
