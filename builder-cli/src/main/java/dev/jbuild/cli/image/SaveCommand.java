package dev.jbuild.cli.image;

import dev.jbuild.cli.output.AtomicFile;
import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.place.ArchiveFormat;
import dev.jbuild.store.place.StoreArchives;
import dev.jbuild.store.place.StoreEntries;
import dev.jbuild.store.place.StoreSource;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.name.ImageName;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild save -o FILE IMAGE...}: a docker-archive (default) or an oci-archive. */
@Command(name = "save", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Save images to a tar archive: docker-archive (loadable by docker load and podman load;",
            "also an OCI layout) or, with --format oci-archive, an OCI image layout."})
public final class SaveCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: standard output, not a terminal).")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "docker-archive",
            description = "docker-archive (default) or oci-archive.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or IDs.")
    List<String> references;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ArchiveFormat archiveFormat;
        try {
            archiveFormat = ArchiveFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new JbuildFailure("save: " + e.getMessage());
        }
        if (output == null && System.console() != null) {
            throw new JbuildFailure("save: cowardly refusing to write an archive to a terminal; use -o FILE or redirect");
        }
        Store store = jbuild.store();
        Images images = new Images(store);
        // One entry per image (a multi-platform one whole), with every name it was asked for under (docker save merges them too).
        Map<Digest, StoreSource.Entry> byDigest = new LinkedHashMap<>();
        Map<Digest, Set<ImageName>> names = new LinkedHashMap<>();
        for (String reference : references) {
            StoreSource.Entry entry = StoreEntries.whole(images, reference, all -> all.stream().filter(n -> n.isNamedBy(reference)).toList());
            Digest digest = entry.index() != null ? entry.index().digest() : entry.image().manifestDigest();
            byDigest.putIfAbsent(digest, entry);
            names.computeIfAbsent(digest, d -> new LinkedHashSet<>()).addAll(entry.names());
        }
        List<StoreSource.Entry> entries = new ArrayList<>();
        byDigest.forEach((digest, e) -> entries.add(new StoreSource.Entry(e.image(), e.index(), List.copyOf(names.get(digest)))));
        if (output == null) {
            StoreArchives.save(store, entries, archiveFormat, new BufferedOutputStream(System.out, 1 << 16));
            return 0;
        }
        AtomicFile.write(Paths.get(output), out -> StoreArchives.save(store, entries, archiveFormat, out));
        return 0;
    }
}
