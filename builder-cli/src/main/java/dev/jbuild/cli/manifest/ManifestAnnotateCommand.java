package dev.jbuild.cli.manifest;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild manifest annotate LIST [IMAGE]}. */
@Command(name = "annotate", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Change what a list's entry says of its image (platform fields, annotations), or with --index the list's own annotations.")
public final class ManifestAnnotateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LIST", description = "The list's name.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "IMAGE", description = "The entry: its manifest digest, or an image in the store.")
    String image;

    @Option(names = "--index", description = "Annotate the list itself (--annotation only).")
    boolean index;

    @Mixin
    PlatformOptions platform;

    @ParentCommand
    ManifestCommand manifest;

    @Override
    public Integer call() throws IOException {
        Store store = manifest.jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            ManifestLists lists = new ManifestLists(store);
            StoredIndex list = lists.list(name);
            if (index) {
                System.out.println(lists.replace(list, list.index().manifests(), platform.annotated(list.index().annotations())).digest());
                return 0;
            }
            if (image == null) {
                throw new JbuildFailure("manifest annotate: name the entry (IMAGE), or give --index");
            }
            String digest = entryDigest(new Images(store), image);
            List<Descriptor> entries = new ArrayList<>();
            boolean found = false;
            for (Descriptor d : list.index().manifests()) {
                boolean match = d.digest().toString().equals(digest);
                found |= match;
                entries.add(match ? platform.apply(d) : d);
            }
            if (!found) {
                throw new JbuildFailure("manifest annotate: " + image + " is not in " + name);
            }
            System.out.println(lists.replace(list, entries, list.index().annotations()).digest());
        }
        return 0;
    }

    private static String entryDigest(Images images, String image) throws IOException {
        if (image.startsWith("sha256:") && image.length() == 71) {
            return image;
        }
        Optional<StoredImage> found = images.find(image);
        return found.orElseThrow(() -> new JbuildFailure("manifest annotate: no such image: " + image)).manifestDigest().toString();
    }
}
