package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.store.Digest;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.attestation.AttestationManifests;
import dev.jbuild.store.platform.Platform;
import java.util.Optional;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild inspect IMAGE...}: a JSON array in docker's shape. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Show images as JSON: Id, RepoTags, RepoDigests, Created, Config, Architecture, Os, Size, RootFS, History;",
            "a multi-platform image as its index (Id: its digest) and Manifests, each platform's image within."})
public final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or IDs.")
    List<String> references;

    @picocli.CommandLine.Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Of a multi-platform image, show this platform's image only.")
    String platform;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Images images = new Images(jbuild.storeForReading());
        List<Object> out = new ArrayList<>();
        for (String reference : references) {
            Optional<StoredIndex> index = platform == null ? images.findIndex(reference) : Optional.empty();
            if (index.isPresent()) {
                out.add(describe(images, index.get()));
            } else if (platform != null) {
                out.add(describe(images.resolve(reference, Optional.of(Platform.parse(platform)))));
            } else {
                out.add(describe(images.resolve(reference)));
            }
        }
        System.out.println(Json.pretty(out));
        return 0;
    }

    /** A multi-platform image: the index, and each platform's image (described in full when it is here). */
    private static Map<String, Object> describe(Images images, StoredIndex index) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", index.digest().toString());
        m.put("RepoTags", index.names().stream().filter(n -> n.tag() != null).map(ImageName::familiar).toList());
        m.put("MediaType", index.mediaType());
        if (!index.index().annotations().isEmpty()) {
            m.put("Annotations", index.index().annotations());
        }
        Map<Digest, StoredImage> present = new java.util.HashMap<>();
        images.platformImages(index).forEach(i -> present.put(i.manifestDigest(), i));
        List<Object> manifests = new ArrayList<>();
        for (Descriptor d : index.index().manifests()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Digest", d.digest().toString());
            entry.put("MediaType", d.mediaType());
            entry.put("Size", d.size());
            Platform p = Platform.of(d.platform());
            entry.put("Platform", p == null ? "" : p.toString());
            if (!d.annotations().isEmpty()) {
                entry.put("Annotations", d.annotations());
            }
            entry.put("Available", present.containsKey(d.digest()));
            if (present.containsKey(d.digest())) {
                entry.put("Image", describe(present.get(d.digest())));
            }
            manifests.add(entry);
        }
        m.put("Manifests", manifests);
        long attestations = index.index().manifests().stream().filter(AttestationManifests::isAttestation).count();
        m.put("Attestations", attestations); // attestation manifests (SBOM, provenance), one per platform image
        return m;
    }

    static Map<String, Object> describe(StoredImage image) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", image.id().toString());
        List<String> tags = new ArrayList<>();
        Set<String> digests = new LinkedHashSet<>();
        for (ImageName n : image.names()) {
            if (n.tag() != null) {
                tags.add(n.familiar());
            }
            digests.add(n.familiarRepository() + "@" + image.manifestDigest());
        }
        m.put("RepoTags", tags);
        m.put("RepoDigests", new ArrayList<>(digests));
        m.put("Created", image.config().created());
        m.put("Author", image.config().author() == null ? "" : image.config().author());
        m.put("Config", image.config().config());
        m.put("Architecture", image.config().architecture());
        m.put("Os", image.config().os());
        if (image.config().variant() != null) {
            m.put("Variant", image.config().variant());
        }
        m.put("Size", image.size());
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("Type", image.config().rootfs().type());
        List<String> layers = new ArrayList<>();
        for (Digest diffId : image.config().rootfs().diffIds()) {
            layers.add(diffId.toString());
        }
        rootfs.put("Layers", layers);
        m.put("RootFS", rootfs);
        m.put("History", image.config().history());
        m.put("Manifest", image.manifestDigest().toString());
        return m;
    }
}
