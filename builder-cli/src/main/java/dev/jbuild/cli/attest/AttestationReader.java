package dev.jbuild.cli.attest;

import dev.jbuild.store.attestation.AttestationManifests;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.platform.PlatformChoice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a statement back from any place that holds an index with attestations (the store, a registry):
 * the platform's image entry, the attestation manifest that refers to it, the layer of the predicate type.
 */
final class AttestationReader {
    private AttestationReader() {
    }

    /** The statement's bytes; empty when the image has no such attestation. */
    static Optional<byte[]> statement(ImageSource source, Platform platform, String predicateType) throws IOException {
        RawManifest top = source.images().get(0).manifest();
        if (!top.isIndex()) {
            return Optional.empty();
        }
        ImageIndex index = top.index();
        Optional<Descriptor> image = PlatformChoice.entry(index, platform);
        if (image.isEmpty() && PlatformChoice.images(index).size() == 1) {
            image = Optional.of(PlatformChoice.images(index).get(0));
        }
        if (image.isEmpty()) {
            return Optional.empty();
        }
        Descriptor entry = AttestationManifests.entryFor(index, image.get().digest());
        if (entry == null) {
            return Optional.empty();
        }
        if (!source.has(entry)) {
            return Optional.empty(); // a store that pulled one platform's image has the index, not its attestations
        }
        Descriptor layer = AttestationManifests.statementLayer(source.manifest(entry).manifest(), predicateType);
        if (layer == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.writeBlob(layer, out);
        return Optional.of(out.toByteArray());
    }
}
