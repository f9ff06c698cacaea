package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.cli.output.Table;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild history IMAGE}: the steps that made an image, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Show how an image was made: IMAGE CREATED CREATED BY SIZE COMMENT, newest first.")
public final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Of a multi-platform image, this platform's history.")
    String platform;

    @Option(names = "--no-trunc", description = "Do not shorten IDs and commands.")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only the image ID.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A name or ID.")
    String reference;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        StoredImage image = new Images(jbuild.storeForReading()).resolve(reference,
                java.util.Optional.ofNullable(platform).map(dev.jbuild.store.platform.Platform::parse));
        String id = noTrunc ? image.id().toString() : image.id().shortId();
        if (quiet) {
            System.out.println(id);
            return 0;
        }
        List<ImageConfig.History> history = image.config().history();
        List<Descriptor> layers = image.manifest().layers();
        List<String[]> rows = new ArrayList<>();
        int layer = 0;
        Instant now = Instant.now();
        for (ImageConfig.History h : history) {
            long size = h.emptyLayer() || layer >= layers.size() ? 0 : layers.get(layer++).size();
            String by = h.createdBy() == null ? "" : h.createdBy();
            if (!noTrunc && by.length() > 45) {
                by = by.substring(0, 44) + "\u2026";
            }
            String created = h.created() == null ? "" : HumanUnits.ago(Timestamps.parse(h.created()), now);
            rows.add(new String[] {"<missing>", created, by, HumanUnits.size(size), h.comment() == null ? "" : h.comment()});
        }
        Table t = new Table("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        for (int i = rows.size() - 1; i >= 0; i--) {
            String[] row = rows.get(i);
            if (i == rows.size() - 1) {
                row[0] = id;
            }
            t.add(row);
        }
        t.print(System.out);
        return 0;
    }
}
