package dev.jbuild.cli.registry;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.output.Table;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryClient.SearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild search TERM}: Docker Hub's search for plain terms; for {@code REGISTRY/TERM}, the
 * registry's catalog filtered by TERM (registries have no search API of their own).
 */
@Command(name = "search", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Search for images: NAME DESCRIPTION STARS OFFICIAL.",
            "TERM searches Docker Hub; REGISTRY/TERM lists that registry's repositories containing TERM."})
public final class SearchCommand implements Callable<Integer> {

    @Option(names = "--limit", defaultValue = "25", paramLabel = "N", description = "At most N results (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "stars=N, is-official=true|false; repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Do not shorten descriptions.")
    boolean noTrunc;

    @Parameters(index = "0", paramLabel = "TERM")
    String term;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @Override
    public Integer call() throws IOException {
        if (limit < 1 || limit > 100) {
            throw new JbuildFailure("search: --limit must be between 1 and 100");
        }
        int slash = term.indexOf('/');
        String first = slash < 0 ? "" : term.substring(0, slash);
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        List<SearchResult> results = new ArrayList<>();
        if (registry) {
            String text = term.substring(slash + 1);
            RegistryClient client = registryOptions.access().client(first);
            for (String repo : client.catalog()) {
                if (repo.contains(text)) {
                    results.add(new SearchResult(first + "/" + repo, "", 0, false));
                }
            }
        } else {
            results.addAll(registryOptions.access().hubIndexClient().hubSearch(term, limit));
        }
        Table table = new Table("NAME", "DESCRIPTION", "STARS", "OFFICIAL");
        results.stream().filter(filter()).limit(limit).forEach(r -> table.add(r.name(), describe(r.description()),
                Integer.toString(r.stars()), r.official() ? "[OK]" : ""));
        table.print(System.out);
        return 0;
    }

    private String describe(String description) {
        String d = description.replace('\n', ' ');
        return noTrunc || d.length() <= 45 ? d : d.substring(0, 44) + "\u2026";
    }

    private Predicate<SearchResult> filter() {
        Predicate<SearchResult> p = r -> true;
        for (String f : filters) {
            String[] kv = f.split("=", 2);
            String value = kv.length == 2 ? kv[1].toLowerCase(Locale.ROOT) : "";
            switch (kv[0]) {
                case "stars" -> {
                    try {
                        int min = Integer.parseInt(value);
                        p = p.and(r -> r.stars() >= min);
                    } catch (NumberFormatException e) {
                        throw new JbuildFailure("search: invalid filter stars=" + value + " (a number)");
                    }
                }
                case "is-official" -> p = p.and(r -> r.official() == value.equals("true"));
                default -> throw new JbuildFailure("search: unsupported filter \"" + kv[0] + "\" (stars, is-official)");
            }
        }
        return p;
    }
}
