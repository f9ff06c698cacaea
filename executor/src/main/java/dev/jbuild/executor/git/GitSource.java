package dev.jbuild.executor.git;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A git repository as buildx's contexts and ADD write it: {@code URL[#REF][:SUBDIR]}, where URL is {@code git@host:path},
 * {@code git://…}, {@code ssh://…}, or {@code http(s)://…} whose path ends in {@code .git}.
 */
public record GitSource(String url, String ref, String subdir) {
    private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.*");

    public static Optional<GitSource> parse(String context) {
        int hash = context.indexOf('#');
        String url = hash < 0 ? context : context.substring(0, hash);
        String fragment = hash < 0 ? "" : context.substring(hash + 1);
        boolean git = url.startsWith("git://") || url.startsWith("ssh://") || SCP_LIKE.matcher(url).matches()
                || (url.startsWith("https://") || url.startsWith("http://")) && url.replaceAll("/+$", "").endsWith(".git");
        if (!git) {
            return Optional.empty();
        }
        int colon = fragment.indexOf(':');
        String ref = colon < 0 ? fragment : fragment.substring(0, colon);
        String subdir = colon < 0 ? "" : fragment.substring(colon + 1);
        return Optional.of(new GitSource(url, ref.isEmpty() ? "HEAD" : ref, subdir));
    }
}
