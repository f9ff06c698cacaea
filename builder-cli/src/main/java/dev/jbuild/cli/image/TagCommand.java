package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.Images;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild tag SOURCE TARGET}. */
@Command(name = "tag", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Give an image another name: jbuild tag busybox reg.example/tools/busybox:1.36")
public final class TagCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "An image name or ID.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The new NAME[:TAG].")
    String target;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        var name = ImageNames.tagTarget(target);
        Store store = jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            Images images = new Images(store);
            var index = images.findIndex(source);
            if (index.isPresent()) {
                images.tag(index.get(), name);
            } else {
                images.tag(images.resolve(source), name);
            }
        }
        return 0;
    }
}
