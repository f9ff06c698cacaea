package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.cli.output.Table;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.ImageSummary;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.Digest;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.platform.PlatformChoice;
import java.util.HashMap;
import java.util.Optional;
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

    @Option(names = "--tree", description = "Under a multi-platform image, a row for each of its platforms' images (absent: not pulled).")
    boolean tree;

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
        RowFilter filter = filter();
        List<ImageSummary> images = new ArrayList<>(new Images(jbuild.storeForReading()).summaries());
        Map<ImageSummary, Instant> createdAt = new IdentityHashMap<>(); // each time parsed once, for the sort and the rows
        for (ImageSummary image : images) {
            createdAt.put(image, created(image));
        }
        images.sort(new NewestFirst(createdAt));
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

    private void table(List<Row> rows) throws IOException {
        Instant now = Instant.now();
        Images store = tree ? new Images(jbuild.storeForReading()) : null;
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
            if (tree) {
                platformRows(store, r, t);
            }
        }
        t.print(System.out);
    }

    /** docker's tree glyphs where the terminal's charset has them. */
    private static final boolean BOX = java.nio.charset.Charset.defaultCharset().newEncoder().canEncode('├');
    private static final String BRANCH = BOX ? "├─ " : "|- ";
    private static final String LAST = BOX ? "└─ " : "`- ";

    /** A multi-platform image's platforms, each a row: its image ID and size, or that only the index is here. */
    private void platformRows(Images store, Row r, Table t) throws IOException {
        Optional<StoredIndex> index = store.findIndex(r.image().manifestDigest().toString());
        if (index.isEmpty()) { // an image of one platform
            return;
        }
        Map<Digest, StoredImage> present = new HashMap<>();
        store.platformImages(index.get()).forEach(i -> present.put(i.manifestDigest(), i));
        List<Descriptor> entries = PlatformChoice.images(index.get().index());
        for (int i = 0; i < entries.size(); i++) {
            StoredImage image = present.get(entries.get(i).digest());
            String branch = (i == entries.size() - 1 ? LAST : BRANCH) + Platform.of(entries.get(i).platform());
            String[] cells = image == null ? new String[] {"", "not pulled", "", ""}
                    : new String[] {"", id(image.id()), "", HumanUnits.size(image.size())};
            if (digests) {
                t.add(branch, cells[0], entries.get(i).digest().toString(), cells[1], cells[2], cells[3]);
            } else {
                t.add(branch, cells[0], cells[1], cells[2], cells[3]);
            }
        }
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
        return id(image.id());
    }

    private String id(Digest id) {
        return noTrunc ? id.toString() : id.shortId();
    }

    private static Instant created(ImageSummary image) {
        String c = image.created();
        return c == null ? Instant.EPOCH : Timestamps.parse(c);
    }

    /** Newest first. A class, not a lambda: the first lambda of a JVM links its whole machinery (~10 ms cold). */
    private record NewestFirst(Map<ImageSummary, Instant> createdAt) implements java.util.Comparator<ImageSummary> {
        @Override
        public int compare(ImageSummary a, ImageSummary b) {
            return createdAt.get(b).compareTo(createdAt.get(a));
        }
    }

    /** What --filter and the REPOSITORY argument let through (a class for the reason NewestFirst is one). */
    private static final class RowFilter {
        private ImageName wanted;
        private boolean tagGiven;
        private Boolean dangling;
        private final List<PathMatcher> references = new ArrayList<>();

        boolean test(Row r) {
            if (wanted != null && (r.name() == null || !r.name().repository().equals(wanted.repository())
                    || tagGiven && !wanted.tag().equals(r.name().tag()))) {
                return false;
            }
            if (dangling != null && (r.name() == null) != dangling) {
                return false;
            }
            for (PathMatcher m : references) {
                if (r.name() == null || !m.matches(Paths.get(r.name().familiar())) && !m.matches(Paths.get(r.name().familiarRepository()))) {
                    return false;
                }
            }
            return true;
        }
    }

    private RowFilter filter() {
        RowFilter p = new RowFilter();
        if (repository != null) {
            p.wanted = ImageNames.parse(repository);
            p.tagGiven = repository.lastIndexOf(':') > repository.lastIndexOf('/');
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
                    p.dangling = value.equals("true");
                }
                case "reference" -> p.references.add(FileSystems.getDefault().getPathMatcher("glob:" + value));
                default -> throw new JbuildFailure("images: unsupported filter \"" + key + "\" (dangling, reference)");
            }
        }
        return p;
    }
}
