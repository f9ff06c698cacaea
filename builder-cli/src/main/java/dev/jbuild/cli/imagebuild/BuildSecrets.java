package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * --secret as buildx takes it: {@code id=ID,src=PATH} (a file), {@code id=ID,env=VAR} (a variable of the
 * caller's environment), or {@code id=ID} alone (the variable named ID). A value
 * from the environment is written to a file of the store's private temp dir (0600) for as long as the
 * build lasts, so that every secret reaches RUN the same way; closing removes it.
 */
final class BuildSecrets implements AutoCloseable {
    private final Map<String, Path> files;
    private final Path dir;

    private BuildSecrets(Map<String, Path> files, Path dir) {
        this.files = Map.copyOf(files);
        this.dir = dir;
    }

    static BuildSecrets of(List<String> specs, UnaryOperator<String> environment, TempFiles temp) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Path dir = null;
        for (String spec : specs) {
            Map<String, String> o = options(spec);
            String id = o.get("id");
            String src = o.containsKey("src") ? o.get("src") : o.get("source");
            String type = o.getOrDefault("type", src != null ? "file" : "env");
            if (id == null || id.isEmpty() || !type.equals("file") && !type.equals("env")) {
                throw new JbuildFailure("build: --secret " + spec + ": expected id=ID[,src=PATH|,env=VAR]");
            }
            if (type.equals("file")) {
                Path file = Path.of(src == null ? id : src);
                if (!Files.isRegularFile(file)) {
                    throw new JbuildFailure("build: --secret " + spec + ": " + file + " is not a file");
                }
                files.put(id, file);
                continue;
            }
            String variable = o.getOrDefault("env", src == null ? id : src);
            String value = environment.apply(variable);
            if (value == null) {
                throw new JbuildFailure("build: --secret " + spec + ": the environment variable " + variable + " is not set");
            }
            if (dir == null) {
                dir = temp.createDirectory("secrets");
            }
            Path file = dir.resolve(Integer.toString(files.size()));
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value, StandardCharsets.UTF_8);
            files.put(id, file);
        }
        return new BuildSecrets(files, dir);
    }

    private static Map<String, String> options(String spec) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            o.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        return o;
    }

    /** id → the file RUN --mount=type=secret reads. */
    Map<String, Path> files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        if (dir != null) {
            Trees.delete(dir);
        }
    }
}
