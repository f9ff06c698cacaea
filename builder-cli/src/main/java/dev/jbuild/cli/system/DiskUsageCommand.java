package dev.jbuild.cli.system;

import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.cli.output.Table;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jbuild system df}: what the store holds. Images count their distinct blobs once; containers,
 * extracted layers and the build cache are the sizes of their directories in the store.
 */
@Command(name = "df", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Show disk usage: TYPE TOTAL ACTIVE SIZE RECLAIMABLE for images, containers, local layers, build cache.")
public final class DiskUsageCommand implements Callable<Integer> {

    @Option(names = {"-v", "--verbose"}, description = "Also list every image.")
    boolean verbose;

    @ParentCommand
    SystemCommand system;

    @Override
    public Integer call() throws IOException {
        Store store = system.jbuild().store();
        Images images = new Images(store);
        List<StoredImage> all = images.list();
        long imageSize = images.storedSize(all);
        // No container uses an image yet: every image is reclaimable.
        Table t = new Table("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        t.add("Images", Integer.toString(all.size()), "0", HumanUnits.size(imageSize), reclaimable(imageSize, imageSize));
        addDirectory(t, "Containers", store.root().resolve("containers"));
        addDirectory(t, "Local Layers", store.root().resolve("layers"));
        addDirectory(t, "Build Cache", store.root().resolve("cache"));
        t.print(System.out);
        if (verbose) {
            System.out.println();
            System.out.println("Images space usage:");
            System.out.println();
            Table v = new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS");
            Instant now = Instant.now();
            for (StoredImage i : all) {
                long unique = imageSize - images.storedSize(others(all, i));
                long size = images.storedSize(List.of(i));
                String created = HumanUnits.ago(i.config().created() == null ? Instant.EPOCH : Instant.parse(i.config().created()), now);
                String repo = i.names().isEmpty() ? "<none>" : i.names().get(0).familiarRepository();
                String tag = i.names().isEmpty() || i.names().get(0).tag() == null ? "<none>" : i.names().get(0).tag();
                v.add(repo, tag, i.id().shortId(), created, HumanUnits.size(size), HumanUnits.size(size - unique),
                        HumanUnits.size(unique), "0");
            }
            v.print(System.out);
        }
        return 0;
    }

    private static List<StoredImage> others(List<StoredImage> all, StoredImage one) {
        return all.stream().filter(i -> !i.manifestDigest().equals(one.manifestDigest())).toList();
    }

    private static String reclaimable(long reclaimable, long total) {
        String size = HumanUnits.size(reclaimable);
        return total == 0 ? size : size + " (" + (reclaimable * 100 / total) + "%)";
    }

    private static void addDirectory(Table t, String type, Path dir) throws IOException {
        long count = 0;
        long bytes = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                count = entries.count();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }
        t.add(type, Long.toString(count), "0", HumanUnits.size(bytes), reclaimable(bytes, bytes));
    }
}
