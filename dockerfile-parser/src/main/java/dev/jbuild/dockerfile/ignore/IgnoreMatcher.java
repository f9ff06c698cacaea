package dev.jbuild.dockerfile.ignore;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which context paths a .dockerignore excludes: a path is excluded when it or one of its
 * parent directories matches; patterns apply in order, the last match wins, {@code !} re-includes.
 */
public final class IgnoreMatcher {
    private final List<IgnorePattern> patterns;

    private IgnoreMatcher(List<IgnorePattern> patterns) {
        this.patterns = patterns;
    }

    /** Throws IllegalArgumentException naming a pattern that is not valid. */
    public static IgnoreMatcher of(List<String> patterns) {
        List<IgnorePattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.add(new IgnorePattern(p));
        }
        return new IgnoreMatcher(compiled);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * Whether a re-including pattern ({@code !...}) could match something below the directory {@code dir}
     * (relative to the context): such an excluded directory is still walked, as BuildKit walks it, and
     * what the patterns include below it is kept ({@code **} then {@code !folder1/file1} keeps folder1/file1).
     */
    public boolean mayIncludeBelow(String dir) {
        String[] parts = CleanPath.clean(dir).split("/");
        for (IgnorePattern pattern : patterns) {
            if (pattern.exclusion() && pattern.mayMatchBelow(parts)) {
                return true;
            }
        }
        return false;
    }

    /** {@code path} is relative to the context, with {@code /} separators. */
    public boolean excludes(String path) {
        String file = CleanPath.clean(path);
        if (file.equals(".")) {
            return false;
        }
        int slash = file.lastIndexOf('/');
        String[] parents = slash < 0 ? new String[0] : file.substring(0, slash).split("/");
        boolean matched = false;
        for (IgnorePattern pattern : patterns) {
            if (pattern.exclusion() != matched) {
                continue;
            }
            boolean match = pattern.matches(file);
            StringBuilder parent = new StringBuilder();
            for (int i = 0; !match && i < parents.length; i++) {
                if (i > 0) {
                    parent.append('/');
                }
                parent.append(parents[i]);
                match = pattern.matches(parent.toString());
            }
            if (match) {
                matched = !pattern.exclusion();
            }
        }
        return matched;
    }
}
