package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.cli.output.Table;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.ImageSummary;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild images}: docker's columns and flags. */
@Command(name = "images", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "List images: REPOSITORY TAG IMAGE ID CREATED SIZE (SIZE: the compressed layers in the store).")
public final class ImagesCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Only image IDs.")
    boolean quiet;

    @Option(names = {"-a", "--all"}, description = "All images (jbuild keeps no intermediate images; same as without).")
    boolean all;

    @Option(names = "--digests", description = "Show manifest digests.")
    boolean digests;

    @Option(names = "--no-trunc", description = "Full image IDs.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "dangling=true|false, reference=PATTERN (e.g. 'busy*', '*:1.*'); repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json (one object per line).")
    String format = "table";

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only images of this repository (and tag).")
    String repository;

    @ParentCommand
    JbuildCommand jbuild;

    /** One row: an image under one of its names (or <none>), with its creation time read once. */
    private record Row(ImageSummary image, ImageName name, Instant created) {
        String repository() {
            return name == null ? "<none>" : name.familiarRepository();
        }

        String tag() {
            return name == null || name.tag() == null ? "<none>" : name.tag();
        }
    }

    @Override
    public Integer call() throws IOException {
        Predicate<Row> filter = filter();
        List<ImageSummary> images = new ArrayList<>(new Images(jbuild.storeForReading()).summaries());
        Map<ImageSummary, Instant> createdAt = new IdentityHashMap<>(); // each time parsed once, for the sort and the rows
        for (ImageSummary image : images) {
            createdAt.put(image, created(image));
        }
        // Newest first; a lambda of this class, which the class-data archive holds (Comparator.comparing's is spun)
        images.sort((a, b) -> createdAt.get(b).compareTo(createdAt.get(a)));
        List<Row> shown = new ArrayList<>();
        for (ImageSummary image : images) {
            // An image without a name is one row all the same: <none>
            List<ImageName> names = image.names().isEmpty() ? Collections.singletonList(null) : image.names();
            for (ImageName name : names) {
                Row row = new Row(image, name, createdAt.get(image));
                if (filter.test(row)) {
                    shown.add(row);
                }
            }
        }
        if (quiet) {
            Set<String> ids = new LinkedHashSet<>();
            for (Row r : shown) {
                ids.add(id(r.image()));
            }
            for (String id : ids) {
                System.out.println(id);
            }
            return 0;
        }
        switch (format) {
            case "json" -> {
                for (Row r : shown) {
                    System.out.println(new String(Json.bytes(json(r)), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            case "table" -> table(shown);
            default -> throw new JbuildFailure("images: unknown --format \"" + format + "\" (table or json)");
        }
        return 0;
    }

    private void table(List<Row> rows) {
        Instant now = Instant.now();
        Table t = digests ? new Table("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
                : new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (Row r : rows) {
            String since = HumanUnits.ago(r.created(), now);
            String size = HumanUnits.size(r.image().size());
            if (digests) {
                t.add(r.repository(), r.tag(), r.image().manifestDigest().toString(), id(r.image()), since, size);
            } else {
                t.add(r.repository(), r.tag(), id(r.image()), since, size);
            }
        }
        t.print(System.out);
    }

    private Map<String, Object> json(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Repository", r.repository());
        m.put("Tag", r.tag());
        m.put("ID", id(r.image()));
        m.put("Digest", r.image().manifestDigest().toString());
        m.put("CreatedAt", r.image().created());
        m.put("CreatedSince", HumanUnits.ago(r.created(), Instant.now()));
        m.put("Size", HumanUnits.size(r.image().size()));
        return m;
    }

    private String id(ImageSummary image) {
        return noTrunc ? image.id().toString() : image.id().shortId();
    }

    private static Instant created(ImageSummary image) {
        String c = image.created();
        return c == null ? Instant.EPOCH : Timestamps.parse(c);
    }

    private Predicate<Row> filter() {
        Predicate<Row> p = r -> true;
        if (repository != null) {
            ImageName wanted = ImageNames.parse(repository);
            boolean tagGiven = repository.lastIndexOf(':') > repository.lastIndexOf('/');
            p = p.and(r -> r.name() != null && r.name().repository().equals(wanted.repository())
                    && (!tagGiven || wanted.tag().equals(r.name().tag())));
        }
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            switch (key) {
                case "dangling" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new JbuildFailure("images: invalid filter dangling=" + value + " (true or false)");
                    }
                    boolean want = value.equals("true");
                    p = p.and(r -> (r.name() == null) == want);
                }
                case "reference" -> {
                    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + value);
                    p = p.and(r -> r.name() != null && (m.matches(Paths.get(r.name().familiar()))
                            || m.matches(Paths.get(r.name().familiarRepository()))));
                }
                default -> throw new JbuildFailure("images: unsupported filter \"" + key + "\" (dangling, reference)");
            }
        }
        return p;
    }
}
