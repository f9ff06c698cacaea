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
    List<String> names() {
        return names;
    }

    /** Writes every output; returns the pushed manifest when the image was pushed. */
    Optional<Descriptor> deliver(Store store, StoredImage image, RegistryOptions registry, PrintStream messages,
            CopyProgress transfers) throws IOException {
        for (Output output : outputs) {
            if (output instanceof Local l) {
                new RootfsExport(store).writeDirectory(image, l.dir());
            } else if (output instanceof Tar t) {
                write(t.dest(), out -> new RootfsExport(store).writeTar(image, out));
            } else if (output instanceof Archive a) {
                List<ImageName> archived = names.stream().map(ImageNames::parse).toList();
                write(a.dest(), out -> StoreArchives.save(store, List.of(new StoreSource.Entry(image, archived)), a.format(), out));
            }
        }
        Optional<Descriptor> manifest = Optional.empty();
        if (pushed.isEmpty()) {
            return manifest; // no registry client (and its configuration) for a build that pushes nothing
        }
        Pusher pusher = new Pusher(store, registry.access(), messages, transfers);
        for (String name : pushed) {
            manifest = Optional.of(pusher.push(image, ImageNames.parse(name)));
        }
        return manifest;
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
