package dev.jbuild.cli.attest;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild provenance IMAGE}: an image's SLSA provenance attestation, as the in-toto statement. */
@Command(name = "provenance", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Print an image's provenance attestation (an in-toto statement, SLSA v0.2), from the store or docker://REGISTRY/NAME.")
public final class ProvenanceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "An image of the store, or docker://REGISTRY/NAME[:TAG].")
    String image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Of a multi-platform image, this platform's.")
    String platform;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Platform wanted = Platform.parseOrHost(platform);
        try (ImageSource source = AttestedImage.open(image, jbuild.storeForReading(), registryOptions)) {
            byte[] statement = AttestationReader.statement(source, wanted, SlsaProvenance.PREDICATE_TYPE)
                    .orElseThrow(() -> new JbuildFailure("provenance: " + image + " has no provenance attestation for " + wanted
                            + " (build it with --provenance)"));
            System.out.println(Json.pretty(Json.mapper().readTree(statement)));
        }
        return 0;
    }
}
