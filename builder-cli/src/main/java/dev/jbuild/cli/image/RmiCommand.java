package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.StoreException;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.store.image.Images;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild rmi [-f] IMAGE...}: untag, and delete images left without names, as docker does. */
@Command(name = "rmi", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Remove images. By name: the name goes, and the image too when it was its last name.",
            "By ID: the image and all its names (with -f when it has several)."})
public final class RmiCommand implements Callable<Integer> {

    @Option(names = {"-f", "--force"}, description = "Remove an image that has several names, by ID.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or IDs.")
    List<String> references;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Images images = ContainerContext.images(jbuild.store());
        int failures = 0;
        String lastError = null;
        for (String reference : references) {
            try {
                images.remove(reference, force).forEach(System.out::println);
            } catch (StoreException e) {
                failures++;
                lastError = e.getMessage();
                if (references.size() > 1) {
                    System.err.println("jbuild: rmi: " + e.getMessage());
                }
            }
        }
        if (failures == 1 && references.size() == 1) {
            throw new JbuildFailure("rmi: " + lastError);
        }
        if (failures > 0) {
            throw new JbuildFailure("rmi: " + failures + " of " + references.size() + " images could not be removed");
        }
        return 0;
    }
}
