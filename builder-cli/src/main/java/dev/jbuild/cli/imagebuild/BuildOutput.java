package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.SaveCommand;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.registry.Pusher;
import dev.jbuild.store.Store;
import dev.jbuild.store.archive.ArchiveFormat;
import dev.jbuild.store.archive.ArchiveWriter;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a built image goes besides the store: --push to its tags' registries, --output to an archive file. */
record BuildOutput(boolean push, ArchiveFormat format, Path dest) {

    static BuildOutput parse(String spec, boolean push, List<String> tags) {
        if (push && tags.isEmpty()) {
            throw new JbuildFailure("build: --push needs a name: give -t REGISTRY/NAME:TAG");
        }
        if (spec == null) {
            return new BuildOutput(push, null, null);
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            o.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        String dest = o.get("dest");
        if (dest == null || dest.isEmpty()) {
            throw new JbuildFailure("build: --output " + spec + ": expected type=oci|docker,dest=FILE");
        }
        try {
            return new BuildOutput(push, ArchiveFormat.parse(o.getOrDefault("type", "oci")), Path.of(dest));
        } catch (IllegalArgumentException e) {
            throw new JbuildFailure("build: --output " + spec + ": " + e.getMessage());
        }
    }

    void deliver(Store store, StoredImage image, List<ImageName> tags, RegistryOptions registry, PrintStream out) throws IOException {
        if (format != null) {
            SaveCommand.writeFile(new ArchiveWriter(store), List.of(new ArchiveWriter.Entry(image, tags)), format, dest);
        }
        if (push) {
            Pusher pusher = new Pusher(store, registry.access(), out);
            for (ImageName tag : tags) {
                pusher.push(image, tag);
            }
        }
    }
}
