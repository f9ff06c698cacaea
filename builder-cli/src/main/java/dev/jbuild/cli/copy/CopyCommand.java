package dev.jbuild.cli.copy;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.cli.output.AtomicFile;
import dev.jbuild.cli.progress.CommandOutput;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.registry.RegistrySink;
import dev.jbuild.registry.RegistrySource;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.copy.ImageSink;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.ManifestFormat;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.place.ArchiveSink;
import dev.jbuild.store.place.ArchiveSource;
import dev.jbuild.store.place.OciLayoutSink;
import dev.jbuild.store.place.OciLayoutSource;
import dev.jbuild.store.place.StoreSink;
import dev.jbuild.store.place.StoreEntries;
import dev.jbuild.store.place.StoreSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild copy SOURCE DESTINATION}: skopeo copy between any two places, the store among them. */
@Command(name = "copy", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Copy an image between places: only the blobs the destination lacks are moved, each checked.",
            "Places: docker://NAME, oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:NAME],",
            "jbuild:NAME or NAME (the store). jbuild copy docker://reg.example/app:1 oci-archive:app.tar"})
public final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION")
    String destination;

    @Option(names = {"-a", "--all"}, description = "For a multi-platform image, copy every platform and the index.")
    boolean all;

    @Option(names = {"-f", "--format"}, paramLabel = "oci|v2s2", description = "The manifest format the destination gets"
            + " (default: the source's).")
    String format;

    @Option(names = "--dest-compress-format", paramLabel = "gzip|zstd", description = "Compress uncompressed layers so"
            + " (default: gzip to a registry; files keep layers as they are).")
    String compressFormat;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "The platform to take from a multi-platform image"
            + " (default: this machine's).")
    String platform;

    @Option(names = "--digestfile", paramLabel = "FILE", description = "Write the digest of the copied manifest to FILE.")
    String digestFile;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    JbuildCommand jbuild;

    /** What the copy does with the sink it is given. */
    private interface IntoSink {
        List<ImageCopy.Copied> copy(ImageSink sink) throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        Place from = place(source);
        Place to = place(destination);
        Store store = jbuild.store();
        CommandOutput output = CommandOutput.of(quiet, BlobWords.COPY);
        PrintStream out = output.lines();
        ImageCopy copy = new ImageCopy(store.temp(), options(), output.progress());
        List<ImageCopy.Copied> copied;
        try (StoreLock lock = store.lockForWriting(); ImageSource in = open(from, store)) {
            if (in.images().size() > 1 && namesOne(to)) {
                throw new JbuildFailure("copy: " + source + " holds " + in.images().size() + " images; name the one to copy");
            }
            copied = into(to, store, from, sink -> copy.copy(in, sink));
        }
        for (ImageCopy.Copied c : copied) {
            out.println("Writing manifest " + c.written().digest() + " to " + destination);
        }
        if (digestFile != null) {
            Files.writeString(java.nio.file.Path.of(digestFile), copied.get(copied.size() - 1).written().digest().toString());
        }
        return 0;
    }

    private static Place place(String text) {
        try {
            return Place.parse(text);
        } catch (JbuildFailure e) {
            throw new JbuildFailure("copy: " + e.getMessage());
        }
    }

    private CopyOptions options() {
        try {
            Platform wanted = Platform.parseOrHost(platform);
            return new CopyOptions(wanted, all,
                    Optional.ofNullable(format).map(ManifestFormat::named),
                    Optional.ofNullable(compressFormat).map(Compression::named));
        } catch (RuntimeException e) {
            throw new JbuildFailure("copy: " + e.getMessage());
        }
    }

    /** A destination that gives one name to what arrives. */
    private static boolean namesOne(Place to) {
        return to instanceof Place.Registry || (to instanceof Place.Stored s && s.name().isPresent())
                || (to instanceof Place.OciLayout o && o.reference().isPresent())
                || (to instanceof Place.Archive a && a.reference().isPresent());
    }

    private ImageSource open(Place from, Store store) throws IOException {
        if (from instanceof Place.Registry r) {
            return new RegistrySource(registryOptions.access().client(r.name().domain()), r.name(), r.name().domain());
        }
        if (from instanceof Place.OciLayout o) {
            if (!Files.isDirectory(o.dir())) {
                throw new JbuildFailure("copy: " + o.dir() + ": no such directory");
            }
            return new OciLayoutSource(o.dir(), o.reference(), "oci:" + o.dir());
        }
        if (from instanceof Place.Archive a) {
            InputStream in;
            try {
                in = Files.newInputStream(a.file());
            } catch (NoSuchFileException e) {
                throw new JbuildFailure("copy: " + a.file() + ": no such file");
            }
            try (in) {
                return ArchiveSource.open(in, a.file().toString(), a.reference(), store.temp());
            }
        }
        String name = ((Place.Stored) from).name()
                .orElseThrow(() -> new JbuildFailure("copy: name the image of the store to copy (jbuild:NAME)"));
        return new StoreSource(store, List.of(StoreEntries.whole(new Images(store), name,
                names -> names.stream().filter(n -> n.isNamedBy(name)).toList())));
    }

    private List<ImageCopy.Copied> into(Place to, Store store, Place from, IntoSink copy) throws IOException {
        if (to instanceof Place.Registry r) {
            return copy.copy(new RegistrySink(registryOptions.access().client(r.name().domain()), r.name(), store));
        }
        if (to instanceof Place.OciLayout o) {
            return copy.copy(new OciLayoutSink(o.dir(), o.reference()));
        }
        if (to instanceof Place.Archive a) {
            List<ImageCopy.Copied> copied = new ArrayList<>();
            AtomicFile.write(a.file(), out -> copied.addAll(copy.copy(new ArchiveSink(out, a.format(), a.reference()))));
            return copied;
        }
        // Every layer is checked at the door (entries, diffID), whatever place it came from.
        return copy.copy(StoreSink.named(store, ((Place.Stored) to).name().map(ImageNames::tagTarget)));
    }
}
