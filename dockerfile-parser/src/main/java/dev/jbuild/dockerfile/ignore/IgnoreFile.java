package dev.jbuild.dockerfile.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code .dockerignore} files: {@code #} comments, trimmed lines, {@code !} exceptions, paths
 * cleaned and made relative. {@code Dockerfile.dockerignore} beside a Dockerfile wins over the context's.
 */
public final class IgnoreFile {
    private IgnoreFile() {
    }

    /** The ignore file that applies to a build of {@code dockerfile} in {@code context}, if any. */
    public static IgnoreMatcher forBuild(Path context, Path dockerfile) throws IOException {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        for (Path candidate : List.of(specific, context.resolve(".dockerignore"))) {
            try {
                return IgnoreMatcher.of(parse(Files.readString(candidate, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                // try the next candidate
            }
        }
        return IgnoreMatcher.of(List.of());
    }

    public static List<String> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> patterns = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String p = line.trim();
            if (p.isEmpty()) {
                continue;
            }
            boolean exception = false;
            if (p.startsWith("!")) {
                exception = true;
                p = p.substring(1).trim();
            }
            if (!p.isEmpty()) {
                p = CleanPath.clean(p);
                if (p.startsWith("/") && p.length() > 1) {
                    p = p.substring(1);
                }
            }
            patterns.add(exception ? "!" + p : p);
        }
        return patterns;
    }
}
