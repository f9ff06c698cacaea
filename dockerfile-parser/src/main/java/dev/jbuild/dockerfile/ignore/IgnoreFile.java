package dev.jbuild.dockerfile.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads {@code .dockerignore} files: {@code #} comments, trimmed lines, {@code !} exceptions, paths
 * cleaned and made relative. {@code Dockerfile.dockerignore} beside a Dockerfile wins over the context's.
 */
public final class IgnoreFile {
    private IgnoreFile() {
    }

    /** The ignore file that applies to a build of {@code dockerfile} in {@code context}, if any. */
    public static Optional<Path> locate(Path context, Path dockerfile) {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        return Stream.of(specific, context.resolve(".dockerignore")).filter(Files::isRegularFile).findFirst();
    }

    /** The matcher for a build; empty when there is no ignore file. Bad patterns throw IllegalArgumentException. */
    public static IgnoreMatcher forBuild(Path context, Path dockerfile) throws IOException {
        Optional<Path> file = locate(context, dockerfile);
        return IgnoreMatcher.of(file.isPresent() ? parse(Files.readString(file.get(), StandardCharsets.UTF_8)) : List.of());
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
