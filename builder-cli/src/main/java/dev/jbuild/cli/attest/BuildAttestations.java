package dev.jbuild.cli.attest;

import dev.jbuild.executor.sbom.SoftwarePackage;
import dev.jbuild.executor.sbom.SpdxDocument;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.attestation.AttestationManifests;
import dev.jbuild.store.attestation.Statement;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.place.StoreSink;
import dev.jbuild.store.place.StoreSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code build --sbom / --provenance}: after the build, each platform's image gets an attestation
 * manifest, and the result becomes one index of the images and their attestations, stored as BuildKit's
 * "image attestation storage" describes (a build of one platform becomes an index too, as with buildx).
 * The statements name the image by the manifest digest a registry will hold, so the image is first
 * stored in that form, its layers gzip-compressed as a push would compress them; the push then sends it
 * unchanged. Caller holds the writing lock.
 */
public final class BuildAttestations {
    private BuildAttestations() {
    }

    /** The built image or index with its attestations, under the same names, as an index. */
    public static StoredIndex attach(Store store, StoreSource.Entry built, AttestRequest request, BuildFacts facts,
                                     Map<String, String> indexAnnotations, String created, String jbuildVersion) throws IOException {
        List<Descriptor> entries = new ArrayList<>();
        List<Descriptor> attestations = new ArrayList<>();
        for (StoredImage image : built.platformImages(store)) {
            StoredImage pushed = asPushed(store, image);
            Platform platform = Platform.of(image.config());
            entries.add(new Descriptor(pushed.manifest().mediaType(), pushed.manifestDigest(), store.blobs().size(pushed.manifestDigest()),
                    Map.of(), platform.descriptor()));
            List<Statement> statements = new ArrayList<>();
            if (request.sbom()) {
                List<SoftwarePackage> packages = SbomScope.scan(store, image, platform, facts.stages(), facts.context());
                String subject = built.names().isEmpty() ? image.id().toString() : built.names().get(0).toString();
                statements.add(new Statement(SpdxDocument.PREDICATE_TYPE, InTotoStatement.of(SpdxDocument.PREDICATE_TYPE,
                        built.names(), platform, pushed.manifestDigest(), SpdxDocument.of(subject, packages, created, jbuildVersion))));
            }
            if (request.provenance() != null) {
                statements.add(new Statement(SlsaProvenance.PREDICATE_TYPE, InTotoStatement.of(SlsaProvenance.PREDICATE_TYPE,
                        built.names(), platform, pushed.manifestDigest(),
                        SlsaProvenance.of(facts, platform, request.provenance(), jbuildVersion))));
            }
            attestations.add(AttestationManifests.write(store, pushed.manifestDigest(), statements));
        }
        entries.addAll(attestations);
        Digest replaced = built.index() != null ? built.index().digest() : built.image().manifestDigest();
        return new Images(store).replaceIndex(replaced, entries, indexAnnotations, built.names());
    }

    /** The image with its built (uncompressed) layers gzip-compressed, as a push would send it; the same config, so the same ID. */
    private static StoredImage asPushed(Store store, StoredImage image) throws IOException {
        StoreSink sink = StoreSink.unnamed(store);
        try (StoreSource source = StoreSource.of(store, image, List.of())) {
            new ImageCopy(store.temp(), CopyOptions.platform(Platform.of(image.config())).withCompression(Compression.GZIP), CopyProgress.NONE)
                    .copy(source, sink);
        }
        return sink.stored().get(0);
    }
}
