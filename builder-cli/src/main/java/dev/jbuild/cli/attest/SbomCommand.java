package dev.jbuild.cli.attest;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.VersionProvider;
import dev.jbuild.cli.image.Clock;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.executor.export.RootfsExport;
import dev.jbuild.executor.sbom.CycloneDxDocument;
import dev.jbuild.executor.sbom.SbomScanner;
import dev.jbuild.executor.sbom.SoftwarePackage;
import dev.jbuild.executor.sbom.SpdxDocument;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild sbom IMAGE}: the packages an image holds, as SPDX 2.3 or CycloneDX 1.5 JSON. */
@Command(name = "sbom", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Print an image's SBOM: its SBOM attestation when it has one (in the store, or docker://REGISTRY/NAME in",
            "a registry), else a scan of the image in the store (dpkg, apk, Java archives, npm, Python, Go binaries)."})
public final class SbomCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "An image of the store, or docker://REGISTRY/NAME[:TAG].")
    String image;

    @Option(names = "--format", paramLabel = "spdx-json|cyclonedx-json", defaultValue = "spdx-json",
            description = "The document's format (default: ${DEFAULT-VALUE}); cyclonedx-json scans the image in the store.")
    String format;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Of a multi-platform image, this platform's.")
    String platform;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("spdx-json") && !format.equals("cyclonedx-json")) {
            throw new JbuildFailure("sbom: --format " + format + ": expected spdx-json or cyclonedx-json");
        }
        Platform wanted = Platform.parseOrHost(platform);
        Store store = jbuild.storeForReading();
        if (format.equals("spdx-json")) {
            try (ImageSource source = AttestedImage.open(image, store, registryOptions)) {
                Optional<byte[]> statement = AttestationReader.statement(source, wanted, SpdxDocument.PREDICATE_TYPE);
                if (statement.isPresent()) {
                    System.out.println(Json.pretty(Json.mapper().readTree(statement.get()).get("predicate")));
                    return 0;
                }
            }
        }
        if (AttestedImage.inRegistry(image)) {
            throw new JbuildFailure("sbom: " + image + " has no SBOM attestation" + (format.equals("spdx-json") ? ""
                    : " to read as " + format + "; pull it and scan it in the store"));
        }
        StoredImage stored = new Images(store).resolve(image, Optional.ofNullable(platform).map(Platform::parse));
        List<SoftwarePackage> packages = new RootfsExport(store).read(stored, SbomScanner::scan);
        Object document = format.equals("spdx-json") ? SpdxDocument.of(image, packages, Clock.created(), VersionProvider.version())
                : CycloneDxDocument.of(image, packages, Clock.created(), VersionProvider.version());
        System.out.println(Json.pretty(document));
        return 0;
    }
}
