package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.place.StoreArchives;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild load -i FILE}: docker-archive or oci-archive, plain or gzip. */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Load images from a docker-archive or oci-archive (as docker, podman and skopeo write them).")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from FILE (default: standard input).")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Store store = jbuild.store();
        String source = input == null ? "standard input" : input;
        List<StoredImage> loaded;
        try (StoreLock lock = store.lockForWriting(); InputStream in = open()) {
            loaded = StoreArchives.load(store, in, source);
        }
        if (!quiet) {
            java.util.Set<String> lines = new java.util.LinkedHashSet<>(); // a multi-platform image's platforms share its names
            for (StoredImage image : loaded) {
                if (image.names().isEmpty()) {
                    lines.add("Loaded image ID: " + image.id());
                }
                for (ImageName name : image.names()) {
                    lines.add("Loaded image: " + name.familiar());
                }
            }
            lines.forEach(System.out::println);
        }
        return 0;
    }

    private InputStream open() throws IOException {
        if (input == null) {
            return System.in;
        }
        try {
            return Files.newInputStream(Paths.get(input));
        } catch (NoSuchFileException e) {
            throw new JbuildFailure("load: " + input + ": no such file");
        }
    }
}
