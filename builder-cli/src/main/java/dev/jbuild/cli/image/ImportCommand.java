package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.config.ConfigChanges;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild import FILE|- [NAME[:TAG]]}: a root file system tarball becomes a one-layer image. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Create an image from a root file system tarball (plain, gzip or bzip2), as docker import does.",
            "Prints the new image's ID."})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The tarball, or '-' for standard input.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME[:TAG]", description = "The name to give the image.")
    String name;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR); repeatable.")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "A comment for the image's history.")
    String message;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "The platform the image is for (default: this machine's).")
    String platform;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Optional<ImageName> target = Optional.ofNullable(name).map(ImageNames::parse);
        ImageConfig.RunConfig runConfig = ImageConfig.RunConfig.empty()
                .withEnv(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        for (String change : changes) {
            try {
                runConfig = ConfigChanges.apply(runConfig, change);
            } catch (IllegalArgumentException e) {
                throw new JbuildFailure("import: " + e.getMessage());
            }
        }
        Platform p = Platform.parseOrHost(platform);
        Store store = jbuild.store();
        try (StoreLock lock = store.lockForWriting(); InputStream in = open()) {
            Layer layer = LayerBlobs.storeArchive(store.blobs(), in, file);
            String created = Clock.created();
            String source = file.equals("-") ? "-" : Paths.get(file).getFileName().toString();
            ImageConfig config = new ImageConfig(created, null, p.architecture(), p.os(), p.variant(), runConfig,
                    new ImageConfig.RootFs("layers", List.of(layer.diffId())),
                    List.of(new ImageConfig.History(created, "jbuild import " + source, null,
                            message != null ? message : "Imported from " + source, false)));
            StoredImage image = new Images(store).add(config, List.of(layer.descriptor()), target);
            System.out.println(image.id());
        }
        return 0;
    }

    private InputStream open() throws IOException {
        if (file.equals("-")) {
            return System.in;
        }
        try {
            return Files.newInputStream(Paths.get(file));
        } catch (NoSuchFileException e) {
            throw new JbuildFailure("import: " + file + ": no such file");
        }
    }
}
