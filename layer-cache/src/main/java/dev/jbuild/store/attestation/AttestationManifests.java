package dev.jbuild.store.attestation;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attestations stored as BuildKit's "image attestation storage" describes: for each platform image of
 * an index, one more manifest in it, of platform unknown/unknown, annotated with
 * {@code vnd.docker.reference.type: attestation-manifest} and {@code vnd.docker.reference.digest: <the
 * image manifest>}; each statement one {@code application/vnd.in-toto+json} layer carrying its
 * {@code in-toto.io/predicate-type}. Its config is a valid image config of those layers, there for
 * compatibility only.
 */
public final class AttestationManifests {
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    public static final String PREDICATE_TYPE = "in-toto.io/predicate-type";
    public static final String REFERENCE_TYPE = "vnd.docker.reference.type";
    public static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
    public static final String ATTESTATION_MANIFEST = "attestation-manifest";

    private AttestationManifests() {
    }

    /** Writes the statements about the image {@code subject} as an attestation manifest; returns its index entry. */
    public static Descriptor write(Store store, Digest subject, List<Statement> statements) throws IOException {
        List<Descriptor> layers = new ArrayList<>();
        List<Digest> diffIds = new ArrayList<>();
        for (Statement s : statements) {
            Digest d = store.blobs().put(s.json());
            layers.add(new Descriptor(IN_TOTO, d, s.json().length, Map.of(PREDICATE_TYPE, s.predicateType()), null));
            diffIds.add(d);
        }
        ImageConfig config = new ImageConfig(null, null, "unknown", "unknown", null, ImageConfig.RunConfig.empty(),
                new ImageConfig.RootFs("layers", diffIds), List.of());
        byte[] configJson = Json.bytes(config);
        Digest configDigest = store.blobs().put(configJson);
        byte[] manifest = Json.bytes(new Manifest(2, MediaTypes.OCI_MANIFEST,
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configJson.length), layers, Map.of()));
        Digest digest = store.blobs().put(manifest);
        return new Descriptor(MediaTypes.OCI_MANIFEST, digest, manifest.length,
                Map.of(REFERENCE_TYPE, ATTESTATION_MANIFEST, REFERENCE_DIGEST, subject.toString()),
                new Descriptor.Platform("unknown", "unknown", null));
    }

    /** The attestation manifest entry of an index for the image {@code subject}, or null. */
    public static Descriptor entryFor(ImageIndex index, Digest subject) {
        for (Descriptor d : index.manifests()) {
            if (ATTESTATION_MANIFEST.equals(d.annotations().get(REFERENCE_TYPE))
                    && subject.toString().equals(d.annotations().get(REFERENCE_DIGEST))) {
                return d;
            }
        }
        return null;
    }

    /** Whether an index entry is an attestation manifest. */
    public static boolean isAttestation(Descriptor entry) {
        return ATTESTATION_MANIFEST.equals(entry.annotations().get(REFERENCE_TYPE));
    }

    /** The layer of an attestation manifest that holds a statement of {@code predicateType}, or null. */
    public static Descriptor statementLayer(Manifest attestation, String predicateType) {
        for (Descriptor layer : attestation.layers()) {
            if (IN_TOTO.equals(layer.mediaType()) && predicateType.equals(layer.annotations().get(PREDICATE_TYPE))) {
                return layer;
            }
        }
        return null;
    }
}
