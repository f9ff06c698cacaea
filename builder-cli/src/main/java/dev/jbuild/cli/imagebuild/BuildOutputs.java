package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.output.AtomicFile;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.executor.export.RootfsExport;
import dev.jbuild.registry.Pusher;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.Store;
import dev.jbuild.store.place.ArchiveFormat;
import dev.jbuild.store.place.StoreArchives;
import dev.jbuild.store.place.StoreSource;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a built image goes besides the store, in BuildKit's words: {@code --output} (any number of
 * them) with type=local, tar, oci, docker, image or registry, and {@code --push}. Files are written
 * beside their destination and renamed; "-" is standard output.
 */
final class BuildOutputs {
    private sealed interface Output permits Local, Tar, Archive {
    }

    private record Local(Path dir) implements Output {
    }

    private record Tar(String dest) implements Output {
    }

    private record Archive(ArchiveFormat format, String dest) implements Output {
    }

    private final List<Output> outputs;
    private final List<String> names;
    private final List<String> pushed;

    private BuildOutputs(List<Output> outputs, List<String> names, List<String> pushed) {
        this.outputs = outputs;
        this.names = names;
        this.pushed = pushed;
    }

    static BuildOutputs parse(List<String> specs, boolean pushFlag, List<String> tags) {
        List<Output> outputs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(tags);
        Set<String> pushed = new LinkedHashSet<>(pushFlag ? tags : List.of());
        for (String spec : specs) {
            Map<String, String> o = OutputSpec.attributes(spec);
            String type = o.getOrDefault("type", "");
            String dest = o.get("dest");
            switch (type) {
                case "local" -> outputs.add(new Local(Path.of(required(dest, spec, "type=local,dest=DIR"))));
                case "tar" -> outputs.add(new Tar(required(dest, spec, "type=tar,dest=FILE|-")));
                case "oci", "docker" -> {
                    if (dest != null) { // without dest, docker's "load it": the image is in the store already
                        outputs.add(new Archive(ArchiveFormat.parse(type), dest));
                    }
                }
                case "image", "registry" -> { // the output's names, else the -t names
                    List<String> own = new ArrayList<>();
                    for (String name : o.getOrDefault("name", "").split(",")) {
                        if (!name.isBlank()) {
                            own.add(name.trim());
                        }
                    }
                    names.addAll(own);
                    if (type.equals("registry") || "true".equals(o.get("push"))) {
                        if (own.isEmpty() && tags.isEmpty()) {
                            throw new JbuildFailure("build: --output " + spec + ": pushing needs a name: add name=REGISTRY/NAME:TAG");
                        }
                        pushed.addAll(own.isEmpty() ? tags : own);
                    }
                }
                default -> throw new JbuildFailure("build: --output " + spec
                        + ": unknown type '" + type + "': use local, tar, oci, docker, image or registry");
            }
        }
        if (pushFlag && tags.isEmpty()) {
            throw new JbuildFailure("build: --push needs a name: give -t REGISTRY/NAME:TAG");
        }
        long toStdout = outputs.stream().filter(BuildOutputs::toStdout).count();
        if (toStdout > 1) {
            throw new JbuildFailure("build: only one --output can write to standard output (dest=-)");
        }
        return new BuildOutputs(outputs, List.copyOf(names), List.copyOf(pushed));
    }

    private static String required(String dest, String spec, String form) {
        if (dest == null || dest.isEmpty()) {
            throw new JbuildFailure("build: --output " + spec + ": expected " + form);
        }
        return dest;
    }

    private static boolean toStdout(Output o) {
        return (o instanceof Tar t && t.dest().equals("-")) || (o instanceof Archive a && a.dest().equals("-"));
    }

    /** An output writes to standard output: the build's own lines go to standard error. */
    boolean usesStdout() {
        return outputs.stream().anyMatch(BuildOutputs::toStdout);
    }

    /** -t names and the names of type=image outputs: the store tags them all. */
    /** The first name the image is pushed to, if it is pushed. */
    Optional<String> firstPushed() {
        return pushed.stream().findFirst();
    }

    List<String> names() {
        return names;
    }

    /**
     * Writes every output of what was built (an image, or an index whose files go to one directory per
     * platform, as buildx writes them); returns the pushed manifest or index when it was pushed.
     */
    Optional<Descriptor> deliver(Store store, StoreSource.Entry built, RegistryOptions registry, PrintStream messages,
            CopyProgress transfers) throws IOException {
        Map<String, StoredImage> images = rootfsImages(store, built);
        StoredImage single = images.get(""); // one platform's image, of an index too (attestations made it one)
        for (Output output : outputs) {
            if (output instanceof Local l) {
                for (Map.Entry<String, StoredImage> e : images.entrySet()) {
                    new RootfsExport(store).writeDirectory(e.getValue(), e.getKey().isEmpty() ? l.dir() : l.dir().resolve(e.getKey()));
                }
            } else if (output instanceof Tar t) {
                if (single == null) {
                    throw new JbuildFailure("build: --output " + t.dest() + ": a tar of files holds one platform's; use type=local"
                            + " (a directory per platform) or type=oci for a multi-platform image");
                }
                write(t.dest(), out -> new RootfsExport(store).writeTar(single, out));
            } else if (output instanceof Archive a) {
                if (single == null && a.format() != ArchiveFormat.OCI_ARCHIVE) {
                    throw new JbuildFailure("build: --output type=docker,dest=" + a.dest() + ": a docker archive holds one platform's"
                            + " image; use type=oci for a multi-platform image");
                }
                List<ImageName> archived = names.stream().map(ImageNames::parse).toList();
                StoreSource.Entry entry = a.format() == ArchiveFormat.OCI_ARCHIVE && built.index() != null
                        ? new StoreSource.Entry(built.index(), archived) : new StoreSource.Entry(single, archived);
                write(a.dest(), out -> StoreArchives.save(store, List.of(entry), a.format(), out));
            }
        }
        Optional<Descriptor> manifest = Optional.empty();
        if (pushed.isEmpty()) {
            return manifest; // no registry client (and its configuration) for a build that pushes nothing
        }
        Pusher pusher = new Pusher(store, registry.access(), messages, transfers);
        for (String name : pushed) {
            manifest = Optional.of(pusher.push(built, ImageNames.parse(name), dev.jbuild.store.layer.Compression.GZIP));
        }
        return manifest;
    }

    /**
     * The images whose files type=local writes, by the directory they go to under dest: "" (dest itself)
     * for one platform's, else one directory per platform, as buildx names them.
     */
    private static Map<String, StoredImage> rootfsImages(Store store, StoreSource.Entry built) throws IOException {
        List<StoredImage> platforms = built.platformImages(store);
        if (platforms.size() == 1) {
            return Map.of("", platforms.get(0));
        }
        Map<String, StoredImage> images = new java.util.LinkedHashMap<>();
        for (StoredImage image : platforms) {
            images.put(dev.jbuild.store.platform.Platform.of(image.config()).toString().replace('/', '_'), image);
        }
        return images;
    }

    private static void write(String dest, AtomicFile.Content content) throws IOException {
        if (dest.equals("-")) {
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            content.writeTo(out);
            out.flush();
            return;
        }
        AtomicFile.write(Path.of(dest), content);
    }
}
