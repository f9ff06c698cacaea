package dev.jbuild.cli.system;

import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.cli.output.Table;
import dev.jbuild.store.Store;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.executor.container.Container;
import dev.jbuild.store.Digest;
import dev.jbuild.store.cache.BuildCache;
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
        description = "Show disk usage: TYPE TOTAL ACTIVE SIZE RECLAIMABLE for images, containers, local layers, build cache and blobs nothing references (prune reclaims them).")
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
        ContainerContext ctx = ContainerContext.open(store);
        List<Container> containers = ctx.containers().list();
        java.util.Set<String> inUse = new java.util.HashSet<>();
        long containerSize = 0;
        long stoppedSize = 0;
        int running = 0;
        for (Container c : containers) {
            inUse.add(c.config().imageId());
            long size = bytes(c.upper());
            containerSize += size;
            if (ctx.containers().statusIfPresent(c).map(st -> st.running()).orElse(false)) {
                running++;
            } else {
                stoppedSize += size;
            }
        }
        List<StoredImage> active = all.stream().filter(i -> inUse.contains(i.id().toString())).toList();
        long unused = imageSize - images.storedSize(active);
        Table t = new Table("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        t.add("Images", Integer.toString(all.size()), Integer.toString(active.size()), HumanUnits.size(imageSize), reclaimable(unused, imageSize));
        t.add("Containers", Integer.toString(containers.size()), Integer.toString(running), HumanUnits.size(containerSize),
                reclaimable(stoppedSize, containerSize));
        List<Digest> trees = store.layerTrees().list();
        long treeSize = bytes(store.root().resolve("layers"));
        t.add("Local Layers", Integer.toString(trees.size()), Integer.toString(trees.size()), HumanUnits.size(treeSize), reclaimable(0, treeSize));
        long cacheSize = bytes(store.root().resolve("cache-mounts"));
        int entries = new BuildCache(store).size();
        t.add("Build Cache", Integer.toString(entries), "0", HumanUnits.size(cacheSize), reclaimable(cacheSize, cacheSize));
        // What an interrupted prune or rmi left: consistent, and the next prune reclaims it.
        Images.Unreferenced unreferenced = images.unreferenced();
        t.add("Unreferenced Blobs", Integer.toString(unreferenced.blobs()), "0", HumanUnits.size(unreferenced.bytes()),
                reclaimable(unreferenced.bytes(), unreferenced.bytes()));
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
                String created = HumanUnits.ago(i.config().created() == null ? Instant.EPOCH : Timestamps.parse(i.config().created()), now);
                String repo = i.names().isEmpty() ? "<none>" : i.names().get(0).familiarRepository();
                String tag = i.names().isEmpty() || i.names().get(0).tag() == null ? "<none>" : i.names().get(0).tag();
                long users = containers.stream().filter(c -> c.config().imageId().equals(i.id().toString())).count();
                v.add(repo, tag, i.id().shortId(), created, HumanUnits.size(size), HumanUnits.size(size - unique),
                        HumanUnits.size(unique), Long.toString(users));
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

    private static long bytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
